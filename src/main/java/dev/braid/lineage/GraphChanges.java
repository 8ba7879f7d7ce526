package dev.braid.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Nodes, edges and column links to write into the lineage graph in one transaction — what an
 * OpenLineage event, an MLflow source or a DVC pipeline asserts. Build one with {@link #builder}
 * and hand it to {@link LineageService#apply} or {@link LineageService#replace}.
 */
public record GraphChanges(List<NodeWrite> nodes, List<EdgeWrite> edges, List<ColumnLink> columns) {
    public GraphChanges {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        columns = List.copyOf(columns);
    }

    public static final GraphChanges NONE = new GraphChanges(List.of(), List.of(), List.of());

    /** All of {@code parts} in order, nodes written twice kept twice (each write applies its own rules). */
    public static GraphChanges concat(List<GraphChanges> parts) {
        List<NodeWrite> nodes = new ArrayList<>();
        List<EdgeWrite> edges = new ArrayList<>();
        List<ColumnLink> columns = new ArrayList<>();
        for (GraphChanges part : parts) {
            nodes.addAll(part.nodes());
            edges.addAll(part.edges());
            columns.addAll(part.columns());
        }
        return new GraphChanges(nodes, edges, columns);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && edges.isEmpty() && columns.isEmpty();
    }

    /**
     * A node to create or update. A blank name keeps the stored one, and so does a
     * {@code fallbackName}: that name is only for a node not stored yet (a commit known to an MLflow
     * run by its hash alone, say), so the node's name never depends on which source wrote last. A
     * status replaces the stored one only when {@code statusAt} is not older than the time the
     * stored status came from; properties are merged into the stored ones (a key given here wins).
     */
    public record NodeWrite(NodeId id, String name, String status, Instant statusAt, Map<String, String> properties,
                            boolean fallbackName) {
        public NodeWrite {
            Objects.requireNonNull(id, "id");
            name = name == null ? "" : name;
            status = status == null ? "" : status;
            statusAt = statusAt == null ? Instant.EPOCH : statusAt;
            properties = Map.copyOf(properties);
            fallbackName = fallbackName || name.isEmpty();
        }

        public NodeWrite(NodeId id, String name, String status, Instant statusAt, Map<String, String> properties) {
            this(id, name, status, statusAt, properties, false);
        }

        /** The name a node has once {@code later} is written after this: a real name beats a fallback. */
        String nameBefore(NodeWrite later) {
            return later.fallbackName() && !(fallbackName && name.isEmpty()) ? name : later.name();
        }
    }

    /** A downstream edge and its own facts (a dataset input's context, say). */
    public record EdgeWrite(LineageEdge edge, Map<String, String> properties) {
        public EdgeWrite {
            Objects.requireNonNull(edge, "edge");
            properties = Map.copyOf(properties);
        }
    }

    /** Field-level lineage: {@code field} of {@code dataset} is derived from {@code inputField} of {@code inputDataset}. */
    public record ColumnLink(NodeId dataset, String field, NodeId inputDataset, String inputField, String transformation,
                             String assertedBy, Instant assertedAt) {
        public ColumnLink {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(inputDataset, "inputDataset");
            Objects.requireNonNull(inputField, "inputField");
            transformation = transformation == null ? "" : transformation;
            Objects.requireNonNull(assertedBy, "assertedBy");
            Objects.requireNonNull(assertedAt, "assertedAt");
        }
    }

    /** Collects changes; a node written twice keeps the later name and status and merges properties. */
    public static final class Builder {
        private final Map<NodeId, NodeWrite> nodes = new LinkedHashMap<>();
        private final List<EdgeWrite> edges = new ArrayList<>();
        private final List<ColumnLink> columns = new ArrayList<>();

        public Builder node(NodeId id, String name) {
            return node(id, name, "", null, Map.of());
        }

        public Builder node(NodeId id, String name, Map<String, String> properties) {
            return node(id, name, "", null, properties);
        }

        public Builder node(NodeId id, String name, String status, Instant statusAt, Map<String, String> properties) {
            return node(new NodeWrite(id, name, status, statusAt, properties));
        }

        /** A node whose {@code name} is only used when it is not stored yet (see {@link NodeWrite}). */
        public Builder nodeWithFallbackName(NodeId id, String name, Map<String, String> properties) {
            return node(new NodeWrite(id, name, "", null, properties, true));
        }

        private Builder node(NodeWrite write) {
            NodeWrite earlier = nodes.get(write.id());
            if (earlier == null) {
                nodes.put(write.id(), write);
                return this;
            }
            Map<String, String> merged = new LinkedHashMap<>(earlier.properties());
            merged.putAll(write.properties());
            boolean newStatus = !write.status().isEmpty();
            nodes.put(write.id(), new NodeWrite(write.id(), earlier.nameBefore(write),
                    newStatus ? write.status() : earlier.status(), newStatus ? write.statusAt() : earlier.statusAt(), merged,
                    earlier.fallbackName() && write.fallbackName()));
            return this;
        }

        public Builder edge(NodeId from, NodeId to, EdgeKind kind, String assertedBy, Instant assertedAt) {
            return edge(from, to, kind, assertedBy, assertedAt, Map.of());
        }

        public Builder edge(NodeId from, NodeId to, EdgeKind kind, String assertedBy, Instant assertedAt,
                            Map<String, String> properties) {
            edges.add(new EdgeWrite(new LineageEdge(from, to, kind, assertedBy, assertedAt), properties));
            return this;
        }

        public Builder column(ColumnLink link) {
            columns.add(link);
            return this;
        }

        public GraphChanges build() {
            return new GraphChanges(List.copyOf(nodes.values()), edges, columns);
        }
    }
}
