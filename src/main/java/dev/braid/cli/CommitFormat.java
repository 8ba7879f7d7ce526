package dev.braid.cli;

import dev.braid.repos.CommitRow;
import java.util.LinkedHashMap;
import java.util.Map;

/** How {@code repo log} shows one commit: a JSON object, or one line of text. */
final class CommitFormat {
    private static final int AUTHOR_WIDTH = 18;

    private CommitFormat() {
    }

    /** {@code hash, parents, author, email, authorTime, subject}, in that order. */
    static Map<String, Object> json(CommitRow commit) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hash", commit.hash());
        fields.put("parents", commit.parents());
        fields.put("author", commit.authorName());
        fields.put("email", commit.authorEmail());
        fields.put("authorTime", Times.iso(commit.authorTime()));
        fields.put("subject", commit.subject());
        return fields;
    }

    /** {@code 1a2b3c4 2024-05-01 Ada Lovelace       Subject}. */
    static String text(CommitRow commit) {
        return commit.shortHash() + " " + Times.day(commit.authorTime()) + " "
                + TextTable.fit(commit.authorName(), AUTHOR_WIDTH) + " " + TerminalText.value(commit.subject());
    }
}
