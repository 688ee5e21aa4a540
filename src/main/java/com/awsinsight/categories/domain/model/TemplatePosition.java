package com.awsinsight.categories.domain.model;

/**
 * Where a listing of the templates an organization may see stopped: in the shared templates, or in the
 * organization's own (which follow them), at one template version. Cursors carry it as a {@link Position}
 * ({@code "<shared|own>#<type>#<version>"} and the template id); {@link #of} refuses anything else.
 */
public record TemplatePosition(boolean own, String templateType, int version, String templateId) {
    private static final String SHARED = "shared";
    private static final String OWN = "own";

    /** The position of a listed template: {@code own} when it belongs to the organization listing it. */
    public static TemplatePosition after(Template template, boolean own) {
        return new TemplatePosition(own, template.templateType(), template.version(), template.id());
    }

    public Position toPosition() {
        return new Position((own ? OWN : SHARED) + "#" + templateType + "#" + version, templateId);
    }

    /**
     * The template position a cursor's position stands for.
     *
     * @throws IllegalArgumentException when it is not one (a forged or damaged cursor)
     */
    public static TemplatePosition of(Position position) {
        String sort = position.sortValue();
        int first = sort.indexOf('#');
        int last = sort.lastIndexOf('#');
        if (first < 0 || last <= first + 1 || last == sort.length() - 1) {
            throw new IllegalArgumentException("not a template position");
        }
        String phase = sort.substring(0, first);
        if (!phase.equals(SHARED) && !phase.equals(OWN)) {
            throw new IllegalArgumentException("not a template position");
        }
        String digits = sort.substring(last + 1);
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 10) {
            throw new IllegalArgumentException("not a template version");
        }
        long version = Long.parseLong(digits);
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a template version");
        }
        return new TemplatePosition(phase.equals(OWN), sort.substring(first + 1, last), (int) version, position.id());
    }
}
