package dev.braid.lineage.ui;

import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.Subgraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of the lineage graph the explorer has loaded: the focus's neighbourhood plus one more
 * hop around each expanded node, remembering which nodes each expansion brought in so collapsing
 * takes exactly those away again. Used on the UI thread only.
 */
final class LoadedGraph {
    private final Map<NodeId, LineageNode> nodes = new LinkedHashMap<>();
    private final Set<LineageEdge> edges = new LinkedHashSet<>();
    private final Map<NodeId, Set<NodeId>> addedBy = new LinkedHashMap<>();

    void reset(Subgraph base) {
        nodes.clear();
        edges.clear();
        addedBy.clear();
        merge(base);
    }

    /** Adds what is new in {@code part}; returns the ids of the nodes that were not loaded before. */
    Set<NodeId> merge(Subgraph part) {
        Set<NodeId> added = new LinkedHashSet<>();
        for (LineageNode node : part.nodes()) {
            if (nodes.putIfAbsent(node.id(), node) == null) {
                added.add(node.id());
            }
        }
        edges.addAll(part.edges());
        return added;
    }

    void expanded(NodeId node, Subgraph hop) {
        addedBy.put(node, merge(hop));
    }

    /** The nodes expanding {@code node} brought in; empty when it is not expanded. */
    Set<NodeId> addedBy(NodeId node) {
        return addedBy.getOrDefault(node, Set.of());
    }

    boolean isExpanded(NodeId node) {
        return addedBy.containsKey(node);
    }

    /** The expanded nodes in the order they were expanded, for replaying them at another time. */
    List<NodeId> expansions() {
        return List.copyOf(addedBy.keySet());
    }

    /** Takes away what expanding {@code node} brought in, and what expanding those brought in. */
    void collapse(NodeId node, NodeId focus) {
        Set<NodeId> added = addedBy.remove(node);
        if (added == null) {
            return;
        }
        for (NodeId id : added) {
            if (!id.equals(focus)) {
                collapse(id, focus);
                nodes.remove(id);
            }
        }
        edges.removeIf(e -> !nodes.containsKey(e.from()) || !nodes.containsKey(e.to()));
    }

    Map<NodeId, LineageNode> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    Set<LineageEdge> edges() {
        return Collections.unmodifiableSet(edges);
    }

    Optional<LineageNode> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** The earliest and latest edge times, for the "as of" slider; empty without edges. */
    Optional<Instant[]> timeRange() {
        List<Instant> times = new ArrayList<>();
        edges.forEach(e -> times.add(e.assertedAt()));
        if (times.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Instant[] {Collections.min(times), Collections.max(times)});
    }
}
