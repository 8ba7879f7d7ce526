package dev.braid.shell;

/**
 * One result of the global search: a repository ({@code hash} null) or a commit in one.
 *
 * @param title what the result is: a repository name or a commit subject
 * @param detail where it is: location, or repository, short hash and author
 */
public record SearchHit(long repoId, String hash, String title, String detail) {
    public boolean isCommit() {
        return hash != null;
    }

    @Override
    public String toString() {
        return title + " — " + detail;
    }
}
