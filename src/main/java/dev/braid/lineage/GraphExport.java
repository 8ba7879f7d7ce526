package dev.braid.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a subgraph as Graphviz DOT (left to right, one shape per kind) or as JSON (nodes and edges). */
public final class GraphExport {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code digraph lineage { ... }}: one node per node, one edge per (from, to, kind) whoever asserted it. */
    public String dot(Subgraph graph) {
        StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        for (LineageNode n : graph.nodes()) {
            String label = n.name() + "\n" + n.kind().id() + (n.status().isEmpty() ? "" : " · " + n.status());
            out.append("  ").append(quote(n.id().value())).append(" [label=").append(quote(label))
                    .append(", shape=").append(shape(n.kind())).append("];\n");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (LineageEdge e : graph.edges()) {
            if (seen.add(e.from() + "\n" + e.to() + "\n" + e.kind())) {
                out.append("  ").append(quote(e.from().value())).append(" -> ").append(quote(e.to().value()))
                        .append(" [label=").append(quote(e.kind().id())).append("];\n");
            }
        }
        return out.append("}\n").toString();
    }

    /** {@code {"nodes": [...], "edges": [...]}}, indented; edges keep their source and time. */
    public String json(Subgraph graph) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (LineageNode n : graph.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", n.id().value());
            node.put("kind", n.kind().id());
            node.put("name", n.name());
            node.put("status", n.status());
            node.put("properties", new java.util.TreeMap<>(n.properties()));
            nodes.add(node);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (LineageEdge e : graph.edges()) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", e.from().value());
            edge.put("to", e.to().value());
            edge.put("kind", e.kind().id());
            edge.put("assertedBy", e.assertedBy());
            edge.put("assertedAt", e.assertedAt().toString());
            edges.add(edge);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("nodes", nodes);
        doc.put("edges", edges);
        try {
            return json.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the graph as JSON", e);
        }
    }

    private static String shape(NodeKind kind) {
        return switch (kind.id()) {
            case "dataset", "dataset-version" -> "cylinder";
            case "job", "job-run", "mlflow-run" -> "box";
            case "commit", "repo" -> "ellipse";
            case "model", "model-version", "logged-model" -> "component";
            case "alias" -> "tag";
            default -> "oval";
        };
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + '"';
    }
}
