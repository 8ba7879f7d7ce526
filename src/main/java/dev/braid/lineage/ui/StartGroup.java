package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import java.util.List;

/** A group of the explorer's start list, such as the newest model versions, newest first. */
public record StartGroup(String title, List<LineageNode> nodes) {
    public StartGroup {
        nodes = List.copyOf(nodes);
    }
}
