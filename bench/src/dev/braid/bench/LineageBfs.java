package dev.braid.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same plain breadth-first search as {@code bench/process/lineage_bfs.py}, line for line, in
 * Java: one query per node reached for its neighbours, one per node for its row (SQLite quoting its
 * texts as JSON), the JSON lines put together by hand. It is not a target's reference (the target
 * compares with the Python search); it tells how much of the gap between Braid and that search is the JVM's start rather than Braid's
 * walk, since it pays the same start with none of Braid.
 *
 * <pre>
 * java -cp ... dev.braid.bench.LineageBfs CACHE show NODE_ID upstream|downstream DEPTH
 * java -cp ... dev.braid.bench.LineageBfs CACHE impact NODE_ID
 * java -cp ... dev.braid.bench.LineageBfs CACHE path FROM_ID TO_ID
 * </pre>
 */
public final class LineageBfs {
    private static final int UNBOUNDED = 1000;
    private static final int MAX_PATH_LENGTH = 64;
    private final PreparedStatement downstream;
    private final PreparedStatement upstream;
    private final PreparedStatement node;

    private LineageBfs(Connection db) throws SQLException {
        downstream = db.prepareStatement("SELECT DISTINCT to_id, kind FROM lineage_edges WHERE from_id = ?");
        upstream = db.prepareStatement("SELECT DISTINCT from_id, kind FROM lineage_edges WHERE to_id = ?");
        // SQLite writes the JSON strings (json_quote), as Python's json module does for the Python
        // search; a node without a row is named after its id, its kind the id's prefix.
        node = db.prepareStatement("SELECT json_quote(?1), json_quote(coalesce(n.kind, CASE WHEN instr(?1, ':') > 0"
                + " THEN substr(?1, 1, instr(?1, ':') - 1) ELSE ?1 END)), json_quote(coalesce(n.name, ?1)),"
                + " json_quote(coalesce(n.status, '')) FROM (SELECT 1) LEFT JOIN lineage_nodes n ON n.id = ?1");
    }

    public static void main(String[] args) throws Exception {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0], config.toProperties());
             Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            LineageBfs bfs = new LineageBfs(db);
            switch (args[1]) {
                case "show" -> bfs.printReached(out, bfs.walk(args[2], args[3], Integer.parseInt(args[4])), args[3], false);
                case "impact" -> bfs.printReached(out, bfs.walk(args[2], "downstream", UNBOUNDED), "downstream", true);
                case "path" -> {
                    List<String> path = bfs.shortestPath(args[2], args[3]);
                    if (path == null) {
                        out.flush();
                        System.exit(1);
                    }
                    StringBuilder line = new StringBuilder("{\"length\":").append(path.size() - 1).append(",\"nodes\":[");
                    for (int i = 0; i < path.size(); i++) {
                        String[] row = bfs.nodeRow(path.get(i));
                        line.append(i == 0 ? "" : ",").append("{\"id\":").append(row[0])
                                .append(",\"kind\":").append(row[1]).append(",\"name\":").append(row[2]).append('}');
                    }
                    out.write(line.append("]}\n").toString());
                }
                default -> throw new IllegalArgumentException("unknown question " + args[1]);
            }
        }
    }

    private List<String[]> neighbours(String id, String direction) throws SQLException {
        PreparedStatement st = direction.equals("downstream") ? downstream : upstream;
        st.setString(1, id);
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return out;
    }

    private Map<String, Integer> walk(String start, String direction, int maxDepth) throws SQLException {
        Map<String, Integer> depth = new LinkedHashMap<>();
        depth.put(start, 0);
        Set<String> walkable = new HashSet<>(Set.of(start));
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            int d = depth.get(at);
            if (d == maxDepth || !walkable.contains(at)) {
                continue;
            }
            for (String[] edge : neighbours(at, direction)) {
                String near = edge[0];
                boolean version = edge[1].equals("version");
                if (version && direction.equals("downstream") && !at.equals(start)) {
                    continue;
                }
                if (!depth.containsKey(near)) {
                    depth.put(near, d + 1);
                    queue.add(near);
                }
                if (depth.get(near) == d + 1 && !(version && direction.equals("upstream"))) {
                    walkable.add(near);
                }
            }
        }
        return depth;
    }

    /** The node's id, kind, name and status, each a JSON string. */
    private String[] nodeRow(String id) throws SQLException {
        node.setString(1, id);
        try (ResultSet rs = node.executeQuery()) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
        }
    }

    private void printReached(Writer out, Map<String, Integer> depth, String direction, boolean skipStart)
            throws SQLException, IOException {
        for (Map.Entry<String, Integer> reached : depth.entrySet()) {
            int d = reached.getValue();
            if (skipStart && d == 0) {
                continue;
            }
            String[] row = nodeRow(reached.getKey());
            out.write("{\"id\":" + row[0] + ",\"kind\":" + row[1] + ",\"name\":" + row[2] + ",\"depth\":" + d
                    + ",\"direction\":\"" + (d == 0 ? "self" : direction) + "\",\"status\":" + row[3] + "}\n");
        }
    }

    private List<String> shortestPath(String start, String end) throws SQLException {
        if (start.equals(end)) {
            return List.of(start);
        }
        Map<String, String> parent = new HashMap<>();
        parent.put(start, null);
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {start, 0});
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            String at = (String) item[0];
            int d = (Integer) item[1];
            if (d == MAX_PATH_LENGTH) {
                continue;
            }
            for (String[] edge : neighbours(at, "downstream")) {
                String near = edge[0];
                if (edge[1].equals("version") && !at.equals(start)) {
                    continue;
                }
                if (!parent.containsKey(near)) {
                    parent.put(near, at);
                    if (near.equals(end)) {
                        List<String> path = new ArrayList<>(List.of(end));
                        while (parent.get(path.get(path.size() - 1)) != null) {
                            path.add(parent.get(path.get(path.size() - 1)));
                        }
                        Collections.reverse(path);
                        return path;
                    }
                    queue.add(new Object[] {near, d + 1});
                }
            }
        }
        return null;
    }
}
