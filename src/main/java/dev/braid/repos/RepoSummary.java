package dev.braid.repos;

import java.time.Instant;

/**
 * One repository as the cache knows it. {@code headRef} is the branch HEAD points at (null when
 * detached), {@code ahead}/{@code behind} compare it with its upstream (null without one),
 * {@code lastSync} is the end of the last successful sync (null before the first).
 */
public record RepoSummary(long sourceId, String name, String path, String remoteUrl, String headRef,
                          String headCommit, RepoHealth health, String healthNote, Integer ahead, Integer behind,
                          long commitCount, Instant lastSync) {

    /** Where the repository comes from, for display: its remote if it has one, else its folder. */
    public String location() {
        return remoteUrl != null ? remoteUrl : path;
    }

    public boolean detached() {
        return headRef == null && headCommit != null;
    }
}
