package com.awsinsight.categories.domain.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which characters a category name may hold, so that two names that look alike are one name. Names keep every
 * script and emoji, but no character that shows nothing:
 * <ul>
 *   <li><b>control characters</b>: C0/C1 controls and the bidirectional overrides and isolates;</li>
 *   <li><b>invisible characters</b>: format characters (Unicode category Cf: zero-width space, word joiner, byte
 *       order mark, soft hyphen, left-to-right/right-to-left/Arabic letter marks, tag characters, ...), line and
 *       paragraph separators, the Hangul fillers, and lone surrogates. Three uses of format characters are real
 *       text and stay allowed: a zero-width joiner inside an emoji sequence (👨‍👩‍👧); a zero-width joiner or
 *       non-joiner between two letters of a script that shapes with them (Arabic, Persian, Syriac, N'Ko,
 *       Mongolian, the Indic scripts, Myanmar, Khmer, Tibetan); tag characters in an emoji flag sequence
 *       (🏴 + tags + cancel tag); and the prepended concatenation marks of Arabic-script numbers, which show.</li>
 * </ul>
 * Blank-looking characters (any Unicode space or separator, the Hangul fillers, the Braille blank) are trimmed
 * like spaces, so a name made of nothing else is blank.
 */
public final class NameCharacters {
    /** What is wrong with a name's characters. */
    public enum Problem {
        CONTROL,
        INVISIBLE
    }

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;
    private static final Set<Character.UnicodeScript> JOINING_SCRIPTS = EnumSet.of(
            Character.UnicodeScript.ARABIC, Character.UnicodeScript.SYRIAC, Character.UnicodeScript.NKO,
            Character.UnicodeScript.MONGOLIAN, Character.UnicodeScript.MANDAIC, Character.UnicodeScript.ADLAM,
            Character.UnicodeScript.DEVANAGARI, Character.UnicodeScript.BENGALI, Character.UnicodeScript.GURMUKHI,
            Character.UnicodeScript.GUJARATI, Character.UnicodeScript.ORIYA, Character.UnicodeScript.TAMIL,
            Character.UnicodeScript.TELUGU, Character.UnicodeScript.KANNADA, Character.UnicodeScript.MALAYALAM,
            Character.UnicodeScript.SINHALA, Character.UnicodeScript.MYANMAR, Character.UnicodeScript.KHMER,
            Character.UnicodeScript.TIBETAN);

    private NameCharacters() {
    }

    /** {@code text} without blank-looking characters at either end. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlankLooking(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isBlankLooking(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** The first problem of a (stripped) name's characters, or null when every character may be in a name. */
    public static Problem check(String name) {
        int[] codePoints = name.codePoints().toArray();
        Problem found = null;
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (isControl(c)) {
                return Problem.CONTROL;
            }
            if (c == WAVING_BLACK_FLAG) {
                i = endOfTagSequence(codePoints, i);
            } else if (found == null && isInvisible(c) && !allowedJoiner(codePoints, i)) {
                found = Problem.INVISIBLE;
            }
        }
        return found;
    }

    /** C0 and C1 controls and the bidirectional overrides and isolates (also refused in descriptions). */
    public static boolean isControl(int codePoint) {
        boolean bidiOverride = codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069;
        return Character.getType(codePoint) == Character.CONTROL || bidiOverride;
    }

    private static boolean isBlankLooking(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || isFiller(c) || c == 0x2800;
    }

    private static boolean isFiller(int c) {
        return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        boolean format = type == Character.FORMAT && !isPrependedConcatenationMark(c);
        return format || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || isFiller(c);
    }

    /** Arabic, Syriac and Kaithi number signs: format characters that are drawn around the digits they precede. */
    private static boolean isPrependedConcatenationMark(int c) {
        return c >= 0x0600 && c <= 0x0605 || c == 0x06DD || c == 0x070F || c == 0x0890 || c == 0x0891 || c == 0x08E2
                || c == 0x110BD || c == 0x110CD;
    }

    /** After a waving black flag: the index of the cancel tag ending its tag sequence, or the flag's own index. */
    private static int endOfTagSequence(int[] codePoints, int flag) {
        int i = flag + 1;
        while (i < codePoints.length && codePoints[i] >= 0xE0020 && codePoints[i] <= 0xE007E) {
            i++;
        }
        boolean complete = i > flag + 1 && i < codePoints.length && codePoints[i] == CANCEL_TAG;
        return complete ? i : flag;
    }

    private static boolean allowedJoiner(int[] codePoints, int at) {
        int c = codePoints[at];
        if (c != ZWJ && c != ZWNJ || at == 0 || at == codePoints.length - 1) {
            return false;
        }
        int next = codePoints[at + 1];
        if (c == ZWJ && isEmojiBase(previousBase(codePoints, at)) && isEmojiBase(next)) {
            return true;
        }
        int previous = previousLetter(codePoints, at);
        return previous >= 0 && isLetterOrMark(next)
                && Character.UnicodeScript.of(previous) == Character.UnicodeScript.of(next)
                && JOINING_SCRIPTS.contains(Character.UnicodeScript.of(next));
    }

    /** The code point before {@code at}, skipping variation selectors and skin-tone modifiers of an emoji. */
    private static int previousBase(int[] codePoints, int at) {
        int i = at - 1;
        while (i > 0 && (codePoints[i] == 0xFE0F || codePoints[i] == 0xFE0E || codePoints[i] >= 0x1F3FB && codePoints[i] <= 0x1F3FF)) {
            i--;
        }
        return codePoints[i];
    }

    /** The letter or script-specific mark before {@code at}, skipping marks of no script of their own; -1 if none. */
    private static int previousLetter(int[] codePoints, int at) {
        for (int i = at - 1; i >= 0; i--) {
            int c = codePoints[i];
            if (!isLetterOrMark(c)) {
                return -1;
            }
            if (Character.UnicodeScript.of(c) != Character.UnicodeScript.INHERITED) {
                return c;
            }
        }
        return -1;
    }

    private static boolean isEmojiBase(int c) {
        return Character.getType(c) == Character.OTHER_SYMBOL;
    }

    private static boolean isLetterOrMark(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
