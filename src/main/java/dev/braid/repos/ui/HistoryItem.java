package dev.braid.repos.ui;

import dev.braid.repos.CommitRow;
import dev.braid.repos.GitRef;
import java.util.List;

/** One row of the history table: the commit, its piece of the graph, and the refs pointing at it. */
public record HistoryItem(CommitRow commit, GraphRow graph, List<GitRef> labels) {
    public HistoryItem {
        labels = List.copyOf(labels);
    }
}
