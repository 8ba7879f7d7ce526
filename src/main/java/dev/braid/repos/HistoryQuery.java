package dev.braid.repos;

/**
 * Which commits of one repository to list: all of them, those reachable from {@code ref} (a full
 * or short ref name, or a commit hash), and/or those whose subject, author or hash prefix matches
 * {@code text}. Nulls mean "no restriction".
 */
public record HistoryQuery(long repoId, String ref, String text) {
    public static HistoryQuery all(long repoId) {
        return new HistoryQuery(repoId, null, null);
    }
}
