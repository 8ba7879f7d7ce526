package dev.braid.repos;

import java.time.OffsetDateTime;
import java.util.List;

/** One line of history: what the history table shows for a commit. */
public record CommitRow(String hash, List<String> parents, String authorName, String authorEmail,
                        OffsetDateTime authorTime, String subject) {
    public CommitRow {
        parents = List.copyOf(parents);
    }

    public String shortHash() {
        return hash.substring(0, Math.min(7, hash.length()));
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}
