package com.awsinsight.categories.edge.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entity tags and the conditional headers that carry them, as RFC 9110 defines them (section 8.8.3 and 13.1):
 * {@code If-Match} and {@code If-None-Match} hold {@code *} or a list of entity tags, each strong ({@code "3"}) or
 * weak ({@code W/"3"}). {@code If-Match} compares strongly (a weak tag never matches), {@code If-None-Match}
 * weakly. A header that is not of that form is refused (400), naming the header.
 *
 * <p>A category's tag is its version as a strong tag ({@code "3"}): every write increases the version, so equal
 * tags mean equal documents. Other responses' tags are a digest of their bytes and media type
 * ({@link #ofContent}).
 */
public final class EntityTags {
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"\\s*");

    private EntityTags() {
    }

    /** One entity tag of a conditional header. */
    public record Tag(boolean weak, String opaque) {
    }

    /**
     * A parsed {@code If-Match} / {@code If-None-Match}: {@code any} for {@code *}, otherwise the listed tags.
     */
    public record Condition(boolean any, List<Tag> tags) {
        public Condition {
            tags = List.copyOf(tags);
        }

        /** If-Match's strong comparison: whether {@code current} (a strong tag) is listed as a strong tag. */
        public boolean matchesStrongly(String current) {
            String opaque = opaque(current);
            return any || tags.stream().anyMatch(t -> !t.weak() && t.opaque().equals(opaque));
        }

        /** If-None-Match's weak comparison: whether {@code current} is listed, weak or strong. */
        public boolean matchesWeakly(String current) {
            String opaque = opaque(current);
            return any || tags.stream().anyMatch(t -> t.opaque().equals(opaque));
        }

        /** The listed strong tags that are category versions ({@code "3"}), in order, without repeats. */
        public List<Long> strongVersions() {
            List<Long> versions = new ArrayList<>();
            for (Tag tag : tags) {
                if (!tag.weak() && tag.opaque().matches("\\d{1,9}")) {
                    long version = Long.parseLong(tag.opaque());
                    if (!versions.contains(version)) {
                        versions.add(version);
                    }
                }
            }
            return versions;
        }
    }

    /** The strong tag of a category version: {@code "3"}. */
    public static String ofVersion(long version) {
        return "\"" + version + "\"";
    }

    /** A strong tag for a response body in a media type: a digest of both, so equal tags mean equal bytes. */
    public static String ofContent(byte[] body, String contentType) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(contentType.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header {@code name}'s value parsed, empty when absent; a value not of the RFC's form is a 400. */
    public static Optional<Condition> parse(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.trim().equals("*")) {
            return Optional.of(new Condition(true, List.of()));
        }
        List<Tag> tags = new ArrayList<>();
        for (String element : value.split(",", -1)) {
            if (element.isBlank()) {
                continue;
            }
            Matcher matcher = TAG.matcher(element);
            if (!matcher.matches()) {
                throw HttpProblem.badInput(name, name + " must be * or a list of entity tags such as \"3\"");
            }
            tags.add(new Tag(matcher.group(1) != null, matcher.group(2)));
        }
        if (tags.isEmpty()) {
            throw HttpProblem.badInput(name, name + " must be * or a list of entity tags such as \"3\"");
        }
        return Optional.of(new Condition(false, tags));
    }

    private static String opaque(String tag) {
        String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
        return strong.substring(1, strong.length() - 1);
    }
}
