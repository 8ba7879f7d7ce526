package dev.braid.lineage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The questions the explorer asks of the cached lineage graph. Implementations are synchronous
 * and read the cache only; {@code asOf} null means "now".
 */
public interface LineageReader {
    /** Nodes whose id or name contains {@code text} (case-insensitive), best matches first. */
    List<LineageNode> find(String text, int limit);

    /** Nodes of {@code kind} whose id or name contains {@code text}, best first. */
    default List<LineageNode> find(String text, NodeKind kind, int limit) {
        return find(text, limit * 10).stream().filter(n -> n.kind().equals(kind)).limit(limit).toList();
    }

    Optional<LineageNode> node(NodeId id);

    /** The nodes up to {@code upstream} hops against and {@code downstream} hops along the edges. */
    Subgraph neighbourhood(NodeId focus, int upstream, int downstream, Instant asOf);

    /** Up to {@code limit} shortest paths from {@code from} to {@code to} along downstream edges. */
    List<List<NodeId>> paths(NodeId from, NodeId to, int limit, Instant asOf);

    /**
     * Up to {@code limit} nodes of {@code kind}, the one with the latest edge into it first: the
     * newest model versions or runs, where a person starts exploring. Readers that cannot tell
     * have none.
     */
    default List<LineageNode> latest(NodeKind kind, int limit) {
        return List.of();
    }

    /**
     * The span of the history of {@code nodes}: the earliest time an edge touching one of them was
     * asserted and the latest time one was asserted or ended, live edges and ended ones alike
     * (an alias that pointed elsewhere before). Empty when they have no edges or the reader cannot tell.
     */
    default Optional<Instant[]> timeSpan(Collection<NodeId> nodes) {
        return Optional.empty();
    }
}
