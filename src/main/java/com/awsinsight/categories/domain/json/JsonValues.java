package com.awsinsight.categories.domain.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The free-form JSON values categories carry ({@code metadata}), in one canonical form on every store: objects
 * as maps with string keys and lists (both may hold JSON {@code null}), strings, booleans and numbers. A
 * number is a {@link Long} when it is a whole number that fits, a {@link BigInteger} when it is a larger whole
 * number, and a {@link BigDecimal} without trailing zeros otherwise, so it round-trips exactly: the embedded
 * store keeps it as given, DynamoDB as its decimal text, and both read back the same value.
 *
 * <p>DynamoDB stores numbers of at most {@value #MAX_DIGITS} significant digits with a magnitude from 1E-130
 * to below 1E+126 (and zero); {@link #storable} says whether a number is one of them, which every store
 * requires so that the stores cannot differ.
 */
public final class JsonValues {
    /** Significant digits DynamoDB keeps. */
    public static final int MAX_DIGITS = 38;
    private static final int MIN_EXPONENT = -130;
    private static final int MAX_EXPONENT = 125;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {
    }

    /** Thrown by {@link #canonical} for a number no store can keep exactly. */
    public static final class UnstorableNumber extends IllegalArgumentException {
        UnstorableNumber(String number) {
            super("Number out of range: " + number, null);
        }
    }

    /**
     * A copy of a JSON value in canonical form: maps keyed by text, lists, and every number canonical.
     *
     * @throws UnstorableNumber for a number that is not {@link #storable}
     */
    public static Object canonical(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            if (!storable(decimal)) {
                throw new UnstorableNumber(String.valueOf(number));
            }
            return canonicalNumber(decimal);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), canonical(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(canonical(v)));
            return Collections.unmodifiableList(copy);
        }
        return value.toString();
    }

    /** Whether DynamoDB stores this number exactly: zero, or 1–38 significant digits within its magnitudes. */
    public static boolean storable(BigDecimal number) {
        if (number.signum() == 0) {
            return true;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        int leadingExponent = stripped.precision() - stripped.scale() - 1;
        return stripped.precision() <= MAX_DIGITS && leadingExponent >= MIN_EXPONENT && leadingExponent <= MAX_EXPONENT;
    }

    /** The canonical number of a decimal (see the class comment). */
    public static Number canonicalNumber(BigDecimal number) {
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return stripped;
        }
        BigInteger whole = stripped.toBigIntegerExact();
        return whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0 ? (Number) whole.longValue() : whole;
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d)) {
            throw new UnstorableNumber(String.valueOf(number));
        }
        return new BigDecimal(number.toString());
    }
}
