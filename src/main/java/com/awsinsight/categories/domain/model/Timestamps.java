package com.awsinsight.categories.domain.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.LocalDateTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Stored timestamps are fixed-width ISO-8601 with milliseconds ({@code 2024-01-15T10:30:00.000Z}) so
 * that their string order is their time order, which the CreatedAtIndex relies on.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Whether {@code text} is in the gateway's own spelling ({@code 2024-01-15T10:30:00.000Z}), which
     * {@link #format} gives back unchanged after {@link #parse}: a cheap check of its shape, for reading many items.
     */
    public static boolean isOwnSpelling(String text) {
        if (text.length() != 24) {
            return false;
        }
        for (int i = 0; i < 24; i++) {
            char c = text.charAt(i);
            char expected = switch (i) {
                case 4, 7 -> '-';
                case 10 -> 'T';
                case 13, 16 -> ':';
                case 19 -> '.';
                case 23 -> 'Z';
                default -> '0';
            };
            boolean ok = expected == '0' ? c >= '0' && c <= '9' : c == expected;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant a stored timestamp stands for: an ISO-8601 instant (with {@code Z} or an offset, with or without
     * fractions); a date-time without a zone as UTC; a date as its start in UTC; and anything else, which the Node
     * service's items may hold (it checked nothing), as the epoch, so that such an item stays readable (its REST
     * document keeps the text as stored) instead of failing every read of its organization.
     */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            // one of the lenient forms below
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADateTime) {
            // a date, or nothing
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            return Instant.EPOCH;
        }
    }
}
