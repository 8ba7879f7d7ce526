package dev.braid.repos;

import java.util.List;

/** The diff of one file in one commit against its first parent. */
public record FileDiff(String path, boolean binary, List<DiffLine> lines) {
    public FileDiff {
        lines = List.copyOf(lines);
    }
}
