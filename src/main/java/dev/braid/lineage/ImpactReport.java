package dev.braid.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything downstream of a node, grouped by kind (runs, model versions, aliases...), nearest first. */
public record ImpactReport(NodeId root, List<ReachedNode> affected) {
    public ImpactReport {
        affected = List.copyOf(affected);
    }

    /** The affected nodes per kind, kinds in alphabetical order, each list nearest first. */
    public Map<NodeKind, List<ReachedNode>> byKind() {
        Map<String, List<ReachedNode>> sorted = new TreeMap<>();
        for (ReachedNode r : affected) {
            sorted.computeIfAbsent(r.node().kind().id(), k -> new ArrayList<>()).add(r);
        }
        Map<NodeKind, List<ReachedNode>> out = new LinkedHashMap<>();
        sorted.forEach((kind, nodes) -> out.put(new NodeKind(kind), List.copyOf(nodes)));
        return out;
    }

    /** RFC 4180 CSV: {@code kind,id,name,status,depth}, one row per affected node, grouped by kind. */
    public String csv() {
        StringBuilder out = new StringBuilder("kind,id,name,status,depth\r\n");
        for (List<ReachedNode> nodes : byKind().values()) {
            for (ReachedNode r : nodes) {
                LineageNode n = r.node();
                out.append(cell(n.kind().id())).append(',').append(cell(n.id().value())).append(',')
                        .append(cell(n.name())).append(',').append(cell(n.status())).append(',').append(r.depth()).append("\r\n");
            }
        }
        return out.toString();
    }

    private static String cell(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
