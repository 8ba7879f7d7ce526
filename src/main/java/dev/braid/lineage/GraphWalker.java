package dev.braid.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breadth-first walks over the edge table, one level at a time: each level asks SQLite for the
 * neighbours of the whole frontier through the primary key (downstream) or the upstream index,
 * in chunks of {@link Chunks#SIZE}. Level-wise walking visits every node once, however many paths
 * lead to it, which a recursive CTE over a DAG cannot promise. {@code asOf} (epoch ms, or null
 * for now) keeps only edges asserted by then and not ended by then: live edges, and the ended
 * ones of {@code lineage_edges_ended} whose span holds that moment.
 *
 * <p>A dataset's {@code version} edges tie together every version of it, so walking through them
 * would make each version depend on all the others (a run writes one version and, by ADR 8, the
 * dataset). Walks keep versions apart: downstream, {@code version} edges are followed only from
 * the start (a dataset's versions and their readers); upstream, a version leads to its dataset,
 * which is reached (its labels count) but not walked past (its other writers are not this
 * version's past).
 */
final class GraphWalker {
    private static final String VERSION = EdgeKind.VERSION.id();
    private final Connection c;
    private final Long asOf;

    GraphWalker(Connection c, Long asOf) {
        this.c = c;
        this.asOf = asOf;
    }

    /** Every node within {@code maxDepth} hops of {@code start}, with its depth; the start has depth 0. */
    Walk walk(String start, Direction direction, int maxDepth) throws SQLException {
        Map<String, Integer> depth = new LinkedHashMap<>();
        Map<String, String> via = new HashMap<>();
        depth.put(start, 0);
        List<String> frontier = List.of(start);
        for (int level = 1; level <= maxDepth && !frontier.isEmpty(); level++) {
            // Reached this level only through a version edge (upstream): kept, not walked past.
            java.util.Set<String> leaves = new java.util.HashSet<>();
            java.util.Set<String> walked = new java.util.HashSet<>();
            List<String> next = new ArrayList<>();
            for (String[] edge : neighbours(frontier, direction)) {
                boolean version = VERSION.equals(edge[2]);
                if (version && direction == Direction.DOWNSTREAM && !edge[0].equals(start)) {
                    continue;
                }
                if (!depth.containsKey(edge[1])) {
                    depth.put(edge[1], level);
                    via.put(edge[1], edge[0]);
                    next.add(edge[1]);
                }
                if (depth.get(edge[1]) == level) {
                    (version && direction == Direction.UPSTREAM ? leaves : walked).add(edge[1]);
                }
            }
            leaves.removeAll(walked);
            next.removeAll(leaves);
            frontier = next;
        }
        return new Walk(depth, via);
    }

    /**
     * Every node within {@code maxDepth} hops of {@code start}, with its depth, as {@link #walk}
     * finds them, but without the way back to the start: what a closure needs, one level at a time
     * through {@link #level}.
     */
    Map<String, Integer> depths(String start, Direction direction, int maxDepth) throws SQLException {
        Map<String, Integer> depth = new LinkedHashMap<>();
        depth.put(start, 0);
        List<String> frontier = List.of(start);
        for (int level = 1; level <= maxDepth && !frontier.isEmpty(); level++) {
            Level next = level(start, frontier, direction, depth.keySet());
            for (String node : next.reached()) {
                depth.put(node, level);
            }
            frontier = next.walkOn();
        }
        return depth;
    }

    /**
     * A walk that knows where it stopped, keeping versions apart as {@link #walk} does: with {@code maxDepth} null it goes level by level to the
     * end unless that would reach more than {@code small} nodes, and then stops at the last level
     * that stays within (at least one level); with a depth it stops there. Either way it goes on
     * counting, up to {@code countCap} nodes, what lies beyond, without keeping it.
     */
    Bounded bounded(String start, Direction direction, Integer maxDepth, int small, int countCap) throws SQLException {
        Map<String, Integer> depth = new LinkedHashMap<>();
        depth.put(start, 0);
        List<String> frontier = List.of(start);
        int level = 0;
        while (!frontier.isEmpty() && level < LineageService.UNBOUNDED) {
            if (maxDepth != null && level >= maxDepth) {
                break;
            }
            Level next = level(start, frontier, direction, depth.keySet());
            if (maxDepth == null && level >= 1 && depth.size() + next.reached().size() > small) {
                break;
            }
            for (String node : next.reached()) {
                depth.put(node, level + 1);
            }
            frontier = next.walkOn();
            level++;
        }
        int stoppedAt = frontier.isEmpty() ? -1 : level;
        int more = 0;
        if (!frontier.isEmpty()) {
            java.util.Set<String> seen = new java.util.HashSet<>(depth.keySet());
            List<String> beyond = frontier;
            while (!beyond.isEmpty() && more < countCap) {
                Level next = level(start, beyond, direction, seen);
                seen.addAll(next.reached());
                more += next.reached().size();
                beyond = next.walkOn();
            }
            if (more == 0) {
                stoppedAt = -1;
            }
        }
        return new Bounded(depth, stoppedAt, Math.min(more, countCap), more >= countCap);
    }

    /**
     * One level of a walk out of {@code frontier}, keeping versions apart as {@link #walk} does:
     * the nodes first reached (none of {@code seen}), in the order found, and those of them the
     * walk goes on from (not the ones reached upstream only through a {@code version} edge).
     */
    private Level level(String start, List<String> frontier, Direction direction, java.util.Set<String> seen)
            throws SQLException {
        Map<String, Boolean> reached = new LinkedHashMap<>();
        for (Step step : steps(frontier, direction)) {
            if (step.version() && direction == Direction.DOWNSTREAM && !start.equals(step.versionOf())) {
                continue;
            }
            if (!seen.contains(step.node())) {
                boolean walkOn = !(step.version() && direction == Direction.UPSTREAM);
                reached.merge(step.node(), walkOn, Boolean::logicalOr);
            }
        }
        List<String> walkOn = new ArrayList<>();
        reached.forEach((node, on) -> {
            if (on) {
                walkOn.add(node);
            }
        });
        return new Level(List.copyOf(reached.keySet()), walkOn);
    }

    private record Level(List<String> reached, List<String> walkOn) {
    }

    /** A {@link #bounded} walk: the nodes kept with their depths, where it stopped (-1: at the end), and how many lie beyond. */
    record Bounded(Map<String, Integer> depth, int stoppedAt, int more, boolean moreIsAtLeast) {
    }

    /**
     * Up to {@code limit} shortest downstream paths from {@code from} to {@code to} (all of the
     * same, smallest length), searching at most {@code maxDepth} hops.
     */
    List<List<String>> shortestPaths(String from, String to, int limit, int maxDepth) throws SQLException {
        if (from.equals(to)) {
            return List.of(List.of(from));
        }
        Map<String, Integer> depth = new HashMap<>();
        Map<String, List<String>> predecessors = new HashMap<>();
        depth.put(from, 0);
        List<String> frontier = List.of(from);
        boolean found = false;
        for (int level = 1; level <= maxDepth && !frontier.isEmpty() && !found; level++) {
            List<String> next = new ArrayList<>();
            for (String[] pair : neighbours(frontier, Direction.DOWNSTREAM)) {
                if (VERSION.equals(pair[2]) && !pair[0].equals(from)) {
                    continue;
                }
                Integer seen = depth.get(pair[1]);
                if (seen == null) {
                    depth.put(pair[1], level);
                    next.add(pair[1]);
                    seen = level;
                }
                if (seen == level) {
                    predecessors.computeIfAbsent(pair[1], k -> new ArrayList<>()).add(pair[0]);
                }
                found |= pair[1].equals(to);
            }
            frontier = next;
        }
        List<List<String>> out = new ArrayList<>();
        if (found) {
            List<String> suffix = new ArrayList<>();
            suffix.add(to);
            collect(from, to, predecessors, suffix, out, limit);
        }
        return out;
    }

    private static void collect(String from, String node, Map<String, List<String>> predecessors, List<String> suffix,
                                List<List<String>> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (node.equals(from)) {
            List<String> path = new ArrayList<>(suffix);
            java.util.Collections.reverse(path);
            out.add(List.copyOf(path));
            return;
        }
        for (String p : predecessors.getOrDefault(node, List.of())) {
            suffix.add(p);
            collect(from, p, predecessors, suffix, out, limit);
            suffix.remove(suffix.size() - 1);
        }
    }

    /** A neighbour one level on, whether a {@code version} edge led there, and then from which node. */
    private record Step(String node, boolean version, String versionOf) {
    }

    /**
     * The distinct steps out of {@code nodes}: what {@link #level} needs of {@link #neighbours},
     * without the node each edge starts from unless it is a {@code version} edge. A frontier's
     * edges mostly lead to nodes they share (the runs that read one dataset), so there are far
     * fewer steps than edges, and each is one text less to read: an upstream show of 2,420 nodes
     * read 11,747 edges' three texts each.
     */
    private List<Step> steps(Collection<String> nodes, Direction direction) throws SQLException {
        String near = direction == Direction.DOWNSTREAM ? "from_id" : "to_id";
        String far = direction == Direction.DOWNSTREAM ? "to_id" : "from_id";
        String columns = far + ", kind = '" + VERSION + "', CASE WHEN kind = '" + VERSION + "' THEN " + near + " END";
        // As of a time, live and ended edges are one UNION, which SQLite returns sorted by its
        // columns: the node each edge starts from is asked for too and sorted by first, so that
        // the nodes are reached in the order of a walk of now (the index's order, frontier node by
        // frontier node), not in the order of their names.
        String asOfColumns = columns + ", " + near;
        return inChunks(nodes, near, in -> asOf == null ? "SELECT DISTINCT " + columns + " FROM lineage_edges WHERE " + in
                : "SELECT " + asOfColumns + " FROM lineage_edges WHERE " + in + " AND asserted_at <= ?1"
                + " UNION SELECT " + asOfColumns + " FROM lineage_edges_ended WHERE " + in
                + " AND asserted_at <= ?1 AND ended_at > ?1 ORDER BY 4, 1",
                rs -> new Step(rs.getString(1), rs.getInt(2) == 1, rs.getString(3)));
    }

    /** Distinct (node, neighbour, edge kind) triples for every node of {@code nodes}. */
    List<String[]> neighbours(Collection<String> nodes, Direction direction) throws SQLException {
        String near = direction == Direction.DOWNSTREAM ? "from_id" : "to_id";
        String far = direction == Direction.DOWNSTREAM ? "to_id" : "from_id";
        return inChunks(nodes, near, in -> "SELECT DISTINCT " + near + ", " + far + ", kind FROM lineage_edges WHERE " + in
                + (asOf == null ? "" : " AND asserted_at <= ?1"
                + " UNION SELECT " + near + ", " + far + ", kind FROM lineage_edges_ended WHERE " + in
                + " AND asserted_at <= ?1 AND ended_at > ?1"),
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }

    /** The edges (one row per source asserting it) whose both ends are in {@code nodes}. */
    List<LineageEdge> edgesAmong(Collection<String> nodes) throws SQLException {
        java.util.Set<String> set = new java.util.HashSet<>(nodes);
        return inChunks(nodes, "from_id", in -> "SELECT from_id, to_id, kind, asserted_by, asserted_at FROM lineage_edges WHERE " + in
                + (asOf == null ? "" : " AND asserted_at <= ?1"
                + " UNION ALL SELECT from_id, to_id, kind, asserted_by, max(asserted_at) FROM lineage_edges_ended"
                + " WHERE " + in + " AND asserted_at <= ?1 AND ended_at > ?1 GROUP BY from_id, to_id, kind, asserted_by"),
                rs -> set.contains(rs.getString(2)) ? new LineageEdge(new NodeId(rs.getString(1)), new NodeId(rs.getString(2)),
                        new EdgeKind(rs.getString(3)), rs.getString(4), java.time.Instant.ofEpochMilli(rs.getLong(5))) : null);
    }

    /** Reads one row of a result into a value, or null for a row to leave out. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs the query {@code sql} makes of a chunk's {@code column IN (…)} condition for each chunk
     * of {@code nodes} (SQLite's limit on parameters), and reads every row with {@code row}.
     */
    private <T> List<T> inChunks(Collection<String> nodes, String column, java.util.function.UnaryOperator<String> sql,
            RowReader<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        for (List<String> chunk : Chunks.of(nodes)) {
            try (PreparedStatement st = c.prepareStatement(sql.apply(column + " IN (" + placeholders(chunk.size()) + ")"))) {
                bind(st, chunk);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        T value = row.read(rs);
                        if (value != null) {
                            out.add(value);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The chunk's placeholders: plain for now; numbered from ?2 as of a time, where ?1 is the time
     * and both halves of the query (live and ended edges) share the numbers.
     */
    private String placeholders(int n) {
        if (asOf == null) {
            return Chunks.placeholders(n);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append('?').append(i + 2);
        }
        return out.toString();
    }

    /** Binds {@code asOf} as ?1 when there is one, then the chunk. */
    private void bind(PreparedStatement st, List<String> chunk) throws SQLException {
        int first = 1;
        if (asOf != null) {
            st.setLong(1, asOf);
            first = 2;
        }
        for (int i = 0; i < chunk.size(); i++) {
            st.setString(first + i, chunk.get(i));
        }
    }

    /**
     * What a walk reached: each node's depth (in the order reached) and, for every node but the
     * start, the node it was reached from, so a path back to the start can be read off.
     */
    record Walk(Map<String, Integer> depth, Map<String, String> via) {
        /** The nodes from {@code node} back to the walk's start, following {@link #via}. */
        List<String> pathToStart(String node) {
            List<String> path = new ArrayList<>();
            for (String at = node; at != null; at = via.get(at)) {
                path.add(at);
            }
            return path;
        }
    }
}
