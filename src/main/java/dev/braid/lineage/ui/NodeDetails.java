package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** What the details panel says about a node, and which other screen can open it. */
final class NodeDetails {
    private NodeDetails() {
    }

    static List<DetailRow> rows(LineageNode node) {
        List<DetailRow> rows = new ArrayList<>();
        rows.add(new DetailRow("Name", node.name()));
        rows.add(new DetailRow("Kind", node.kind().id()));
        rows.add(new DetailRow("Id", node.id().value()));
        if (!node.status().isEmpty()) {
            rows.add(new DetailRow("Status", node.status()));
        }
        new TreeMap<>(node.properties()).forEach((key, value) -> rows.add(new DetailRow(key, value)));
        return rows;
    }

    /** "Open in …" for kinds another screen shows; empty for the rest. */
    static String linkLabel(LineageNode node) {
        if (node.kind().equals(NodeKind.COMMIT)) {
            return "Open in Repositories";
        }
        return node.kind().equals(NodeKind.EXPERIMENT_RUN) ? "Open in Experiments" : "";
    }
}
