package com.awsinsight.categories.domain.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which characters a category name may hold, so that two names that look alike are one name. Names keep every
 * script and emoji, but no character that shows nothing:
 * <ul>
 *   <li><b>control characters</b>: C0/C1 controls and the bidirectional overrides and isolates;</li>
 *   <li><b>invisible characters</b>: format characters (Unicode category Cf: zero-width space, word joiner, byte
 *       order mark, soft hyphen, left-to-right/right-to-left/Arabic letter marks, tag characters, ...), every
 *       other default-ignorable code point (Unicode property Default_Ignorable_Code_Point: the variation selectors
 *       U+FE00–U+FE0F and U+E0100–U+E01EF, the combining grapheme joiner U+034F, the Mongolian free variation
 *       selectors, the Khmer inherent vowels U+17B4–U+17B5, and the code points reserved as ignorable), line and
 *       paragraph separators, the Hangul fillers, and lone surrogates. Where text needs one of them it stays
 *       allowed: a zero-width joiner inside an emoji sequence (👨‍👩‍👧); a zero-width joiner or non-joiner
 *       between two letters of a script that shapes with them (Arabic, Persian, Syriac, N'Ko, Mongolian, the Indic
 *       scripts, Myanmar, Khmer, Tibetan); an emoji or text presentation selector (U+FE0F, U+FE0E) right after an
 *       emoji (☁️, ❤️, and keycaps such as 1️⃣); a Mongolian free variation selector right after a Mongolian
 *       letter; an ideographic variation selector (U+E0100–U+E01EF) right after a CJK ideograph; tag characters in
 *       an emoji flag sequence (🏴 + tags + cancel tag); and the prepended concatenation marks of Arabic-script
 *       numbers, which show.</li>
 * </ul>
 * So "Compute" + U+FE0F, "Com" U+034F "pute", "Compute" + U+180B and "Compute" + U+E0100 are refused rather than
 * being four more names that read "Compute". Refusing, not removing, keeps the name key ({@link CategoryRules#nameKey})
 * as it was: names already stored keep their keys, indexes and claims.
 * <p>Blank-looking characters (any Unicode space or separator, the Hangul fillers, the Braille blank) are trimmed
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
    private static final int TEXT_PRESENTATION = 0xFE0E;
    private static final int EMOJI_PRESENTATION = 0xFE0F;
    private static final int COMBINING_KEYCAP = 0x20E3;
    /**
     * The code points with the Unicode property Default_Ignorable_Code_Point (DerivedCoreProperties.txt, unchanged
     * since Unicode 6), as inclusive ranges.
     */
    private static final int[][] DEFAULT_IGNORABLE = {
            {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180B, 0x180F},
            {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
            {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};
    /**
     * The code points below U+1F000 with the Unicode property Emoji (emoji-data.txt, Unicode 14) other than the
     * keycap bases {@code 0-9 # *}: the characters a presentation selector may follow. Every code point of the emoji
     * blocks from U+1F000 on counts as well ({@link #isEmoji}).
     */
    private static final int[][] EMOJI_BELOW_1F000 = ranges("A9 AE 203C 2049 2122 2139 2194-2199 21A9-21AA 231A-231B 2328 "
            + "23CF 23E9-23F3 23F8-23FA 24C2 25AA-25AB 25B6 25C0 25FB-25FE 2600-2604 260E 2611 2614-2615 2618 261D 2620 "
            + "2622-2623 2626 262A 262E-262F 2638-263A 2640 2642 2648-2653 265F-2660 2663 2665-2666 2668 267B 267E-267F "
            + "2692-2697 2699 269B-269C 26A0-26A1 26A7 26AA-26AB 26B0-26B1 26BD-26BE 26C4-26C5 26C8 26CE-26CF 26D1 "
            + "26D3-26D4 26E9-26EA 26F0-26F5 26F7-26FA 26FD 2702 2705 2708-270D 270F 2712 2714 2716 271D 2721 2728 "
            + "2733-2734 2744 2747 274C 274E 2753-2755 2757 2763-2764 2795-2797 27A1 27B0 27BF 2934-2935 2B05-2B07 "
            + "2B1B-2B1C 2B50 2B55 3030 303D 3297 3299");
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
            } else if (found == null && isInvisible(c) && !allowedJoiner(codePoints, i) && !allowedVariationSelector(codePoints, i)) {
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
                || type == Character.SURROGATE || isFiller(c) || isDefaultIgnorable(c);
    }

    /** Whether {@code c} has the Unicode property Default_Ignorable_Code_Point. */
    static boolean isDefaultIgnorable(int c) {
        return in(DEFAULT_IGNORABLE, c);
    }

    /**
     * Whether the variation selector at {@code at} follows a character it varies: a presentation selector after an
     * emoji (or after a keycap base that the combining keycap follows), a Mongolian free variation selector after a
     * Mongolian letter, an ideographic variation selector after a CJK ideograph.
     */
    private static boolean allowedVariationSelector(int[] codePoints, int at) {
        int c = codePoints[at];
        if (at == 0) {
            return false;
        }
        int previous = codePoints[at - 1];
        if (c == TEXT_PRESENTATION || c == EMOJI_PRESENTATION) {
            boolean keycap = (previous >= '0' && previous <= '9' || previous == '#' || previous == '*')
                    && at + 1 < codePoints.length && codePoints[at + 1] == COMBINING_KEYCAP;
            return keycap || isEmoji(previous);
        }
        if (c >= 0x180B && c <= 0x180D || c == 0x180F) {
            return Character.UnicodeScript.of(previous) == Character.UnicodeScript.MONGOLIAN && Character.isLetter(previous);
        }
        if (c >= 0xE0100 && c <= 0xE01EF) {
            return Character.isIdeographic(previous);
        }
        return false;
    }

    /** Emoji a presentation selector may follow: {@link #EMOJI_BELOW_1F000}, and the emoji blocks U+1F000–U+1FAFF. */
    private static boolean isEmoji(int c) {
        return c >= 0x1F000 && c <= 0x1FAFF || in(EMOJI_BELOW_1F000, c);
    }

    private static boolean in(int[][] ranges, int c) {
        int low = 0;
        int high = ranges.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (c < ranges[middle][0]) {
                high = middle - 1;
            } else if (c > ranges[middle][1]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Inclusive ranges from hex code points and ranges separated by spaces ({@code "A9 2194-2199"}), in order. */
    private static int[][] ranges(String text) {
        String[] items = text.trim().split(" ");
        int[][] ranges = new int[items.length][];
        for (int i = 0; i < items.length; i++) {
            String[] bounds = items[i].split("-");
            int low = Integer.parseInt(bounds[0], 16);
            ranges[i] = new int[]{low, bounds.length == 1 ? low : Integer.parseInt(bounds[1], 16)};
        }
        return ranges;
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
