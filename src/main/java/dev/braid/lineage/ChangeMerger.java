package dev.braid.lineage;

import dev.braid.lineage.GraphChanges.ColumnLink;
import dev.braid.lineage.GraphChanges.EdgeWrite;
import dev.braid.lineage.GraphChanges.NodeWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the changes of many events into fewer rows to write, leaving the tables exactly as writing
 * every change in turn would ({@link LineageStore#write}'s rules): events of one batch name the
 * same jobs, datasets, commits and parent runs again and again. Writes to one row are merged by
 * the store's own rules: the later name, the status the store would keep, properties merged with
 * the later value winning, the earliest assertion time, a column link's first source and later
 * transformation. A status write that follows a write without status is not merged (the store
 * compares it with the time the row was first written); the two stay separate, in order.
 */
final class ChangeMerger {
    private final Map<NodeId, NodeWrite> nodes = new LinkedHashMap<>();
    private final List<NodeWrite> earlierNodes = new ArrayList<>();
    private final Map<EdgeKey, EdgeWrite> edges = new LinkedHashMap<>();
    private final Map<ColumnKey, ColumnLink> columns = new LinkedHashMap<>();

    private record EdgeKey(NodeId from, NodeId to, EdgeKind kind, String assertedBy) {
    }

    private record ColumnKey(NodeId dataset, String field, NodeId inputDataset, String inputField) {
    }

    /** {@code parts}, in order, as one set of changes with each row written as few times as possible. */
    static GraphChanges merge(List<GraphChanges> parts) {
        ChangeMerger merger = new ChangeMerger();
        parts.forEach(merger::add);
        return merger.result();
    }

    private void add(GraphChanges changes) {
        changes.nodes().forEach(this::node);
        changes.edges().forEach(this::edge);
        changes.columns().forEach(this::column);
    }

    private void node(NodeWrite later) {
        NodeWrite earlier = nodes.get(later.id());
        if (earlier == null) {
            nodes.put(later.id(), later);
        } else if (!later.status().isEmpty() && earlier.status().isEmpty()) {
            earlierNodes.add(earlier);
            nodes.put(later.id(), later);
        } else {
            boolean laterStatus = !later.status().isEmpty() && wins(later, earlier);
            Map<String, String> properties = new LinkedHashMap<>(earlier.properties());
            properties.putAll(later.properties());
            nodes.put(later.id(), new NodeWrite(later.id(), earlier.nameBefore(later), laterStatus ? later.status()
                    : earlier.status(), laterStatus ? later.statusAt() : earlier.statusAt(), properties,
                    earlier.fallbackName() && later.fallbackName()));
        }
    }

    /** The store's rule: a newer status wins; at the same millisecond an ending beats RUNNING. */
    private static boolean wins(NodeWrite later, NodeWrite earlier) {
        long at = later.statusAt().toEpochMilli();
        long before = earlier.statusAt().toEpochMilli();
        return at > before || at == before && !later.status().equals("RUNNING");
    }

    private void edge(EdgeWrite later) {
        LineageEdge e = later.edge();
        edges.merge(new EdgeKey(e.from(), e.to(), e.kind(), e.assertedBy()), later, (earlier, next) -> {
            Map<String, String> properties = new LinkedHashMap<>(earlier.properties());
            properties.putAll(next.properties());
            return new EdgeWrite(new LineageEdge(e.from(), e.to(), e.kind(), e.assertedBy(),
                    min(earlier.edge().assertedAt(), next.edge().assertedAt())), properties);
        });
    }

    private void column(ColumnLink later) {
        columns.merge(new ColumnKey(later.dataset(), later.field(), later.inputDataset(), later.inputField()), later,
                (earlier, next) -> new ColumnLink(next.dataset(), next.field(), next.inputDataset(), next.inputField(),
                        next.transformation(), earlier.assertedBy(), min(earlier.assertedAt(), next.assertedAt())));
    }

    /**
     * The rows in the order the store writes them (stably: a row's earlier write stays first),
     * sorted here so that the thread writing a batch does not have to.
     */
    private GraphChanges result() {
        List<NodeWrite> allNodes = new ArrayList<>(earlierNodes.size() + nodes.size());
        allNodes.addAll(earlierNodes);
        allNodes.addAll(nodes.values());
        allNodes.sort(LineageStore.NODE_ORDER);
        List<EdgeWrite> allEdges = new ArrayList<>(edges.values());
        allEdges.sort(LineageStore.EDGE_ORDER);
        List<ColumnLink> allColumns = new ArrayList<>(columns.values());
        allColumns.sort(LineageStore.COLUMN_ORDER);
        return new GraphChanges(allNodes, allEdges, allColumns);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isAfter(b) ? b : a;
    }
}
