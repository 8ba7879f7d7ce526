package dev.braid.lineage.ui;

import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.NodeShape;
import dev.braid.lineage.Subgraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the loaded graph into the graph the explorer shows: hidden kinds left out, and every
 * fan-out or fan-in of {@link #THRESHOLD} or more neighbours of one kind folded into one counted
 * cluster node, unless that cluster was opened. The largest fans fold first; a node folds into one
 * cluster at most, and nodes that must stay visible (the focus, the selection, a highlighted path,
 * expanded nodes) never fold. Edges of folded nodes are redirected to their cluster.
 */
final class GraphFolding {
    static final int THRESHOLD = 10;
    private static final String SEPARATOR = " > ";

    record Fan(NodeId owner, boolean downstream, NodeKind kind, Set<NodeId> members) {
        NodeId clusterId() {
            return NodeId.of(NodeShape.CLUSTER, owner.value() + SEPARATOR + (downstream ? "out" : "in") + SEPARATOR + kind.id());
        }
    }

    /** The shown graph. {@code opened} holds ids of clusters the user opened. */
    Subgraph fold(Map<NodeId, LineageNode> nodes, Set<LineageEdge> edges, Set<NodeKind> hidden,
                  Set<NodeId> opened, Set<NodeId> keep) {
        Map<NodeId, LineageNode> visible = new LinkedHashMap<>();
        nodes.forEach((id, node) -> {
            if (!hidden.contains(node.kind()) || keep.contains(id)) {
                visible.put(id, node);
            }
        });
        List<LineageEdge> shownEdges = edges.stream()
                .filter(e -> visible.containsKey(e.from()) && visible.containsKey(e.to())).toList();
        Map<NodeId, NodeId> clusterOf = new HashMap<>();
        Map<NodeId, LineageNode> clusters = new LinkedHashMap<>();
        List<Fan> fans = fans(visible, shownEdges);
        // What the user opened stays open: its members fold into no other cluster either.
        Set<NodeId> unfolded = new HashSet<>(keep);
        fans.stream().filter(f -> opened.contains(f.clusterId())).forEach(f -> unfolded.addAll(f.members()));
        for (Fan fan : fans) {
            NodeId clusterId = fan.clusterId();
            if (opened.contains(clusterId)) {
                continue;
            }
            List<NodeId> members = fan.members().stream()
                    .filter(m -> !unfolded.contains(m) && !clusterOf.containsKey(m)).toList();
            if (members.size() >= THRESHOLD) {
                members.forEach(m -> clusterOf.put(m, clusterId));
                clusters.put(clusterId, clusterNode(fan, members, visible));
            }
        }
        List<LineageNode> shownNodes = new ArrayList<>();
        Set<NodeId> placedClusters = new LinkedHashSet<>();
        for (LineageNode node : visible.values()) {
            NodeId cluster = clusterOf.get(node.id());
            if (cluster == null) {
                shownNodes.add(node);
            } else if (placedClusters.add(cluster)) {
                shownNodes.add(clusters.get(cluster));
            }
        }
        Map<String, LineageEdge> redirected = new LinkedHashMap<>();
        for (LineageEdge edge : shownEdges) {
            NodeId from = clusterOf.getOrDefault(edge.from(), edge.from());
            NodeId to = clusterOf.getOrDefault(edge.to(), edge.to());
            if (!from.equals(to)) {
                redirected.putIfAbsent(from + "\n" + to + "\n" + edge.kind(),
                        from.equals(edge.from()) && to.equals(edge.to()) ? edge
                                : new LineageEdge(from, to, edge.kind(), edge.assertedBy(), edge.assertedAt()));
            }
        }
        return new Subgraph(shownNodes, List.copyOf(redirected.values()));
    }

    /** Every node's neighbours grouped by direction and kind, largest groups first. */
    static List<Fan> fans(Map<NodeId, LineageNode> visible, List<LineageEdge> edges) {
        Map<String, Fan> fans = new LinkedHashMap<>();
        for (LineageEdge edge : edges) {
            add(fans, edge.from(), true, edge.to());
            add(fans, edge.to(), false, edge.from());
        }
        List<Fan> sorted = new ArrayList<>(fans.values());
        sorted.sort(Comparator.comparingInt((Fan f) -> -f.members().size()).thenComparing(f -> f.owner().value())
                .thenComparing(f -> !f.downstream()));
        return sorted;
    }

    private static void add(Map<String, Fan> fans, NodeId owner, boolean downstream, NodeId member) {
        NodeKind kind = member.kind();
        Fan fan = fans.computeIfAbsent(owner + "\n" + downstream + "\n" + kind,
                k -> new Fan(owner, downstream, kind, new LinkedHashSet<>()));
        fan.members().add(member);
    }

    private static LineageNode clusterNode(Fan fan, List<NodeId> members, Map<NodeId, LineageNode> visible) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("count", String.valueOf(members.size()));
        properties.put("kind", fan.kind().id());
        properties.put(fan.downstream() ? "downstream of" : "upstream of", fan.owner().value());
        Map<String, Integer> statuses = new TreeMap<>();
        for (NodeId member : members) {
            String status = visible.get(member).status();
            if (!status.isEmpty()) {
                statuses.merge(status.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
        }
        statuses.forEach((status, count) -> properties.put("status " + status, String.valueOf(count)));
        String status = statuses.containsKey("failed") ? "FAILED" : statuses.containsKey("running") ? "RUNNING" : "";
        return new LineageNode(fan.clusterId(), members.size() + " × " + fan.kind().id(), status, properties);
    }

    static boolean isCluster(NodeId id) {
        return id.kind().equals(NodeShape.CLUSTER);
    }
}
