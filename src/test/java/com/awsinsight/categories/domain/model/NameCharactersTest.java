package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Default-ignorable code points in names: refused wherever text does not need them, so that no two names read
 * alike, and still allowed where emoji, Mongolian and ideographic variants need them. The name key is unchanged.
 */
class NameCharactersTest {

    /** The four ways the issue found to write "Compute" again. */
    @ParameterizedTest
    @ValueSource(strings = {"Compute\uFE0F", "Com\u034Fpute", "Compute\u180B", "Compute\uDB40\uDD00"})
    void aDefaultIgnorableAfterALatinLetterIsRefused(String name) {
        assertEquals(NameCharacters.Problem.INVISIBLE, NameCharacters.check(name));
    }

    @Test
    void everyDefaultIgnorableCodePointIsRefusedBetweenLatinLetters() {
        // bidi overrides among them are refused as control characters, the rest as invisible ones
        int checked = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (NameCharacters.isDefaultIgnorable(c)) {
                String name = "Com" + Character.toString(c) + "pute";
                assertNotNull(NameCharacters.check(name), Integer.toHexString(c));
                checked++;
            }
        }
        assertEquals(4174, checked, "the code points of Default_Ignorable_Code_Point");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Cloud \u2601\uFE0F",                         // an emoji that needs its presentation selector
            "\u2764\uFE0F Favourites",                    // red heart
            "\u2601\uFE0E text cloud",                    // text presentation
            "Top 1\uFE0F\u20E3",                          // keycap one
            "#\uFE0F\u20E3 tags",                         // keycap number sign
            "Pride \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",  // rainbow flag: selector and joiner in one sequence
            "Rocket \uD83D\uDE80\uFE0F",                  // a redundant selector after an emoji of the emoji blocks
            "\u182E\u180B\u1823",                         // Mongolian letter with a free variation selector
            "\u845B\uDB40\uDD00\u98FE",                   // an ideographic variation sequence
            "England \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F"})
    void variationSelectorsAreAllowedWhereTheyVaryWhatTheyFollow(String name) {
        assertNull(NameCharacters.check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\uFE0FCompute",                  // at the start
            "Compute\uFE0E",                  // text selector after a letter
            "Top 1\uFE0F",                    // a keycap base without the keycap
            "Done \u2713\uFE0F",              // a check mark that is not an emoji
            "Compute\uFE00",                  // a standardized variation selector
            "\u845B\uFE0F",                   // an emoji selector after an ideograph
            "Compute\uDB40\uDDEF",            // the last ideographic variation selector, after a letter
            "Compute\u17B4",                  // a Khmer inherent vowel
            "Compute\u180F",                  // the fourth Mongolian free variation selector
            "Com\u180Epute",                  // the Mongolian vowel separator
            "Compute\uFFF0",                  // reserved as default-ignorable
            "Compute\uDB40\uDC01"})           // the language tag
    void variationSelectorsAreRefusedWhereTheyVaryNothing(String name) {
        assertEquals(NameCharacters.Problem.INVISIBLE, NameCharacters.check(name));
    }

    /**
     * Refusing rather than removing keeps the key: a name stored before this rule keeps the key its items, indexes
     * and name claims were written with, so nothing needs migrating.
     */
    @Test
    void theNameKeyOfAStoredNameIsUnchanged() {
        assertEquals("compute\uFE0F", CategoryRules.nameKey("Compute\uFE0F"));
        assertNotEquals(CategoryRules.nameKey("Compute"), CategoryRules.nameKey("Compute\uFE0F"));
        assertEquals("\u2601\uFE0F cloud", CategoryRules.nameKey("\u2601\uFE0F Cloud"));
    }

    @Test
    void theNameRuleRefusesThemWithItsMessage() {
        DomainException refused = assertThrows(DomainException.class, () -> CategoryRules.validName(Field.NAME, "Compute\uFE0F"));

        assertEquals("Name must not contain invisible characters", refused.getMessage());
        assertEquals("Cloud \u2601\uFE0F", CategoryRules.validName(Field.NAME, " Cloud \u2601\uFE0F "));
    }
}
