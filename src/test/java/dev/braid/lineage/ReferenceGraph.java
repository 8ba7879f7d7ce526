package dev.braid.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lineage graph held in plain Java maps and walked with the textbook breadth-first search:
 * the independent reference the SQL walks are checked against.
 */
final class ReferenceGraph {
    /** Edge from→to with the earliest time any source asserted it. */
    private final Map<String, Map<String, Long>> out = new HashMap<>();
    private final Map<String, Map<String, Long>> in = new HashMap<>();

    void add(String from, String to, long at) {
        out.computeIfAbsent(from, k -> new HashMap<>()).merge(to, at, Math::min);
        in.computeIfAbsent(to, k -> new HashMap<>()).merge(from, at, Math::min);
    }

    List<String> neighbours(String node, Direction direction, Long asOf) {
        Map<String, Long> edges = (direction == Direction.DOWNSTREAM ? out : in).getOrDefault(node, Map.of());
        List<String> result = new ArrayList<>();
        edges.forEach((n, at) -> {
            if (asOf == null || at <= asOf) {
                result.add(n);
            }
        });
        return result;
    }

    Map<String, Integer> closure(String start, Direction direction, int maxDepth, Long asOf) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        depth.put(start, 0);
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            int d = depth.get(node);
            if (d == maxDepth) {
                continue;
            }
            for (String next : neighbours(node, direction, asOf)) {
                if (!depth.containsKey(next)) {
                    depth.put(next, d + 1);
                    queue.add(next);
                }
            }
        }
        return depth;
    }

    /** Every shortest downstream path from→to (all of them; the test graphs keep this small). */
    Set<List<String>> shortestPaths(String from, String to, Long asOf) {
        Map<String, Integer> dist = closure(from, Direction.DOWNSTREAM, Integer.MAX_VALUE, asOf);
        Set<List<String>> paths = new HashSet<>();
        if (!dist.containsKey(to)) {
            return paths;
        }
        extend(List.of(from), to, dist.get(to), asOf, paths);
        return paths;
    }

    private void extend(List<String> prefix, String to, int length, Long asOf, Set<List<String>> paths) {
        String last = prefix.get(prefix.size() - 1);
        if (prefix.size() - 1 == length) {
            if (last.equals(to)) {
                paths.add(prefix);
            }
            return;
        }
        for (String next : neighbours(last, Direction.DOWNSTREAM, asOf)) {
            List<String> longer = new ArrayList<>(prefix);
            longer.add(next);
            extend(longer, to, length, asOf, paths);
        }
    }

    boolean hasEdge(String from, String to, Long asOf) {
        Long at = out.getOrDefault(from, Map.of()).get(to);
        return at != null && (asOf == null || at <= asOf);
    }
}
