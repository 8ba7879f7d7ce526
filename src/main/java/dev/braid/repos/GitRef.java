package dev.braid.repos;

/**
 * A ref: {@code name} is the full name ({@code refs/heads/main}, {@code HEAD}); {@code target} the
 * commit it finally points at; {@code tagObject} the annotated tag object (null for lightweight
 * tags and non-tags); {@code symbolic} the ref a symbolic ref points to (HEAD → refs/heads/main).
 */
public record GitRef(String name, RefKind kind, String target, String tagObject, String symbolic) {

    /** The name people use: {@code main}, {@code origin/main}, {@code v1.0}. */
    public String shortName() {
        if (name.startsWith("refs/heads/")) {
            return name.substring("refs/heads/".length());
        }
        if (name.startsWith("refs/remotes/")) {
            return name.substring("refs/remotes/".length());
        }
        if (name.startsWith("refs/tags/")) {
            return name.substring("refs/tags/".length());
        }
        return name;
    }

    public boolean annotated() {
        return tagObject != null;
    }
}
