package dev.braid.lineage.dvc;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit that changed DVC's files: what it recorded, and what its first parent had recorded
 * ({@code before}, empty for a root commit), so that only the stages this commit re-ran count
 * as its runs.
 */
public record DvcCommit(String sha, Instant time, String subject, DvcSnapshot recorded, DvcSnapshot before) {
    public DvcCommit {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(time, "time");
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(recorded, "recorded");
        before = before == null ? new DvcSnapshot("", java.util.List.of(), DvcRemote.NONE, java.util.List.of()) : before;
    }
}
