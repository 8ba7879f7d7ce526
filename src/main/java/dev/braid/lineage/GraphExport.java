package dev.braid.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Writes a lineage graph as Graphviz DOT, JSON or SVG. DOT and JSON need no coordinates; SVG is
 * drawn from a {@link GraphLayout} result so it matches what the explorer shows. Used by the
 * explorer's export menu and the command line.
 */
public final class GraphExport {
    /** The formats, with the file extension each is saved under. */
    public enum Format {
        DOT("dot"), JSON("json"), SVG("svg");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        public static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The graph in {@code format}; DOT and JSON ignore the coordinates. */
    public String export(Format format, LaidOutGraph graph) {
        return switch (format) {
            case DOT -> dot(graph.subgraph());
            case JSON -> json(graph.subgraph());
            case SVG -> new SvgWriter().write(graph);
        };
    }

    /**
     * Writes the export to {@code file} in UTF-8, replacing it. A name holding half a surrogate
     * pair (possible in events from other tools) is written as '?' rather than failing the export.
     */
    public void write(Format format, LaidOutGraph graph, Path file) {
        try {
            Files.write(file, export(format, graph).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A left-to-right digraph; each node labelled with its name and kind, each edge with its kind. */
    public String dot(Subgraph graph) {
        StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
        out.append("  node [fontname=\"Helvetica\", fontsize=11, fillcolor=\"#f6f8fa\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#8c959f\"];\n");
        for (LineageNode node : graph.nodes()) {
            NodeShape shape = NodeShape.of(node.kind());
            String label = node.name() + "\n" + node.kind().id() + (node.status().isEmpty() ? "" : " · " + node.status());
            out.append("  ").append(quote(node.id().value())).append(" [label=").append(quote(label))
                    .append(", shape=").append(shape.dotShape()).append(", style=").append(quote(shape.dotStyle()));
            String status = NodeShape.statusClass(node.status());
            if (!status.isEmpty()) {
                out.append(", color=").append(quote(SvgWriter.statusColour(status)));
            }
            out.append("];\n");
        }
        for (LineageEdge edge : graph.edges()) {
            out.append("  ").append(quote(edge.from().value())).append(" -> ").append(quote(edge.to().value()))
                    .append(" [label=").append(quote(edge.kind().id())).append("];\n");
        }
        return out.append("}\n").toString();
    }

    /** {@code {"nodes": [{id, kind, name, status, properties}], "edges": [{from, to, kind, assertedBy, assertedAt}]}}. */
    public String json(Subgraph graph) {
        ObjectNode root = json.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (LineageNode node : graph.nodes()) {
            ObjectNode n = nodes.addObject();
            n.put("id", node.id().value());
            n.put("kind", node.kind().id());
            n.put("name", node.name());
            n.put("status", node.status());
            ObjectNode properties = n.putObject("properties");
            new TreeMap<>(node.properties()).forEach(properties::put);
        }
        ArrayNode edges = root.putArray("edges");
        for (LineageEdge edge : graph.edges()) {
            ObjectNode e = edges.addObject();
            e.put("from", edge.from().value());
            e.put("to", edge.to().value());
            e.put("kind", edge.kind().id());
            e.put("assertedBy", edge.assertedBy());
            e.put("assertedAt", edge.assertedAt().toString());
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the graph as JSON", e);
        }
    }

    /** A DOT string literal: quotes and backslashes escaped, line breaks as {@code \n}, control characters dropped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c >= 0x20) {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
