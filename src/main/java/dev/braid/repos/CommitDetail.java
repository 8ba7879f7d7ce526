package dev.braid.repos;

import java.time.OffsetDateTime;
import java.util.List;

/** Everything the cache holds about one commit. */
public record CommitDetail(String hash, List<String> parents, String authorName, String authorEmail,
                           OffsetDateTime authorTime, String committerName, String committerEmail,
                           OffsetDateTime commitTime, String subject, String message, List<GitRef> refs) {
    public CommitDetail {
        parents = List.copyOf(parents);
        refs = List.copyOf(refs);
    }

    public CommitRow row() {
        return new CommitRow(hash, parents, authorName, authorEmail, authorTime, subject);
    }
}
