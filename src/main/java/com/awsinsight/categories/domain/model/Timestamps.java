package com.awsinsight.categories.domain.model;

import java.time.Instant;
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

    /** Parses the stored form, and forms without milliseconds. */
    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
