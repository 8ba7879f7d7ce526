package dev.braid.lineage;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link LineageReader} over a graph held in memory, for tests and benchmarks of the explorer
 * until the cached graph store is wired in. It answers the same questions the same way: breadth
 * first along or against edges, edges after {@code asOf} ignored.
 */
public final class InMemoryLineage implements LineageReader {
    private final Map<NodeId, LineageNode> nodes = new LinkedHashMap<>();
    private final Map<NodeId, List<LineageEdge>> out = new HashMap<>();
    private final Map<NodeId, List<LineageEdge>> in = new HashMap<>();
    private final List<LineageEdge> edges = new ArrayList<>();

    public InMemoryLineage add(LineageNode node) {
        nodes.put(node.id(), node);
        return this;
    }

    public InMemoryLineage add(LineageEdge edge) {
        if (!nodes.containsKey(edge.from()) || !nodes.containsKey(edge.to())) {
            throw new IllegalArgumentException("edge between unknown nodes: " + edge);
        }
        edges.add(edge);
        out.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge);
        in.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge);
        return this;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public List<LineageEdge> edges() {
        return List.copyOf(edges);
    }

    public List<LineageNode> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public List<LineageNode> find(String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT).strip();
        if (needle.isEmpty()) {
            return List.of();
        }
        return nodes.values().stream()
                .filter(n -> n.name().toLowerCase(Locale.ROOT).contains(needle)
                        || n.id().value().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparingInt((LineageNode n) -> rank(n, needle)).thenComparing(LineageNode::name))
                .limit(limit).toList();
    }

    private static int rank(LineageNode node, String needle) {
        String name = node.name().toLowerCase(Locale.ROOT);
        if (name.equals(needle) || node.id().value().equalsIgnoreCase(needle)) {
            return 0;
        }
        return name.startsWith(needle) ? 1 : 2;
    }

    @Override
    public Optional<LineageNode> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    @Override
    public Subgraph neighbourhood(NodeId focus, int upstream, int downstream, Instant asOf) {
        if (!nodes.containsKey(focus)) {
            return new Subgraph(List.of(), List.of());
        }
        Set<NodeId> reached = new LinkedHashSet<>();
        reached.add(focus);
        walk(focus, upstream, asOf, false, reached);
        walk(focus, downstream, asOf, true, reached);
        List<LineageEdge> between = new ArrayList<>();
        for (NodeId id : reached) {
            for (LineageEdge edge : out.getOrDefault(id, List.of())) {
                if (visible(edge, asOf) && reached.contains(edge.to())) {
                    between.add(edge);
                }
            }
        }
        return new Subgraph(reached.stream().map(nodes::get).toList(), between);
    }

    private void walk(NodeId focus, int hops, Instant asOf, boolean down, Set<NodeId> reached) {
        Set<NodeId> frontier = Set.of(focus);
        Set<NodeId> seen = new LinkedHashSet<>(frontier);
        for (int hop = 0; hop < hops && !frontier.isEmpty(); hop++) {
            Set<NodeId> next = new LinkedHashSet<>();
            for (NodeId id : frontier) {
                for (LineageEdge edge : (down ? out : in).getOrDefault(id, List.of())) {
                    NodeId other = down ? edge.to() : edge.from();
                    if (visible(edge, asOf) && seen.add(other)) {
                        next.add(other);
                    }
                }
            }
            reached.addAll(next);
            frontier = next;
        }
    }

    @Override
    public List<List<NodeId>> paths(NodeId from, NodeId to, int limit, Instant asOf) {
        if (!nodes.containsKey(from) || !nodes.containsKey(to)) {
            return List.of();
        }
        Map<NodeId, Integer> depth = new HashMap<>();
        Map<NodeId, List<NodeId>> parents = new HashMap<>();
        Deque<NodeId> queue = new ArrayDeque<>(List.of(from));
        depth.put(from, 0);
        while (!queue.isEmpty()) {
            NodeId id = queue.poll();
            if (id.equals(to)) {
                continue;
            }
            for (LineageEdge edge : out.getOrDefault(id, List.of())) {
                if (!visible(edge, asOf)) {
                    continue;
                }
                Integer known = depth.get(edge.to());
                if (known == null) {
                    depth.put(edge.to(), depth.get(id) + 1);
                    parents.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(id);
                    queue.add(edge.to());
                } else if (known == depth.get(id) + 1 && !parents.get(edge.to()).contains(id)) {
                    parents.get(edge.to()).add(id);
                }
            }
        }
        if (!depth.containsKey(to)) {
            return List.of();
        }
        List<List<NodeId>> found = new ArrayList<>();
        collect(to, from, parents, new ArrayDeque<>(), found, limit);
        return found;
    }

    private static void collect(NodeId at, NodeId from, Map<NodeId, List<NodeId>> parents, Deque<NodeId> suffix,
                                List<List<NodeId>> found, int limit) {
        if (found.size() >= limit) {
            return;
        }
        suffix.push(at);
        if (at.equals(from)) {
            found.add(List.copyOf(suffix));
        } else {
            for (NodeId parent : parents.getOrDefault(at, List.of())) {
                collect(parent, from, parents, suffix, found, limit);
            }
        }
        suffix.pop();
    }

    private static boolean visible(LineageEdge edge, Instant asOf) {
        return asOf == null || !edge.assertedAt().isAfter(asOf);
    }
}
