package dev.braid.pipelines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job graph of a run: the latest attempt of each job, laid out in layers, with the critical
 * path (the chain of jobs, each waiting for the one before, whose run times add up the most: the
 * jobs that decided when the run finished). Edges come from the jobs' {@code needs} where the
 * source (or the pipeline definition) names them, else from stage order (each stage waits for the
 * one before, as GitLab runs them), else the jobs stand side by side.
 */
public record PipelineDag(List<Node> nodes, List<Edge> edges, List<String> criticalPath, String edgesFrom) {
    public PipelineDag {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        criticalPath = List.copyOf(criticalPath);
    }

    /** A job in its layer (column) and row. */
    public record Node(PipelineJob job, int layer, int row) {
    }

    public record Edge(String from, String to) {
    }

    /** Builds the graph of {@code jobs} (every attempt; only the latest of each is drawn). */
    public static PipelineDag of(List<PipelineJob> jobs) {
        Map<String, PipelineJob> latest = new LinkedHashMap<>();
        for (PipelineJob job : jobs) {
            if (!job.retried() || !latest.containsKey(job.name())) {
                latest.put(job.name(), job);
            }
        }
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        List<String> stages = new ArrayList<>();
        latest.values().forEach(j -> {
            if (j.stage() != null && !stages.contains(j.stage())) {
                stages.add(j.stage());
            }
        });
        boolean anyNeeds = latest.values().stream().anyMatch(j -> !j.needs().isEmpty());
        String from = anyNeeds ? "needs" : stages.size() > 1 ? "stages" : "none";
        for (PipelineJob j : latest.values()) {
            Set<String> before = new LinkedHashSet<>();
            if (!j.needs().isEmpty()) {
                j.needs().stream().filter(latest::containsKey).forEach(before::add);
            } else {
                // Without needs a job waits for every job of the stage before (GitLab's rule).
                int at = j.stage() == null ? -1 : stages.indexOf(j.stage());
                if (at > 0) {
                    latest.values().stream().filter(o -> stages.get(at - 1).equals(o.stage())).forEach(o -> before.add(o.name()));
                }
            }
            needs.put(j.name(), before);
        }
        Map<String, Integer> layer = new HashMap<>();
        for (String name : latest.keySet()) {
            layerOf(name, needs, layer, new LinkedHashSet<>());
        }
        Map<Integer, Integer> rows = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (PipelineJob job : latest.values()) {
            int l = layer.get(job.name());
            nodes.add(new Node(job, l, rows.merge(l, 1, Integer::sum) - 1));
        }
        List<Edge> edges = new ArrayList<>();
        needs.forEach((to, before) -> before.forEach(b -> edges.add(new Edge(b, to))));
        return new PipelineDag(nodes, edges, critical(latest, needs), from);
    }

    /** Longest chain of needs ending at each job; a cycle (bad data) is cut where it closes. */
    private static int layerOf(String name, Map<String, Set<String>> needs, Map<String, Integer> layer, Set<String> path) {
        Integer known = layer.get(name);
        if (known != null) {
            return known;
        }
        if (!path.add(name)) {
            return 0;
        }
        int l = 0;
        for (String before : needs.getOrDefault(name, Set.of())) {
            l = Math.max(l, layerOf(before, needs, layer, path) + 1);
        }
        path.remove(name);
        layer.put(name, l);
        return l;
    }

    private static List<String> critical(Map<String, PipelineJob> jobs, Map<String, Set<String>> needs) {
        Map<String, Long> best = new HashMap<>();
        Map<String, String> via = new HashMap<>();
        for (String name : jobs.keySet()) {
            weight(name, jobs, needs, best, via, new LinkedHashSet<>());
        }
        String end = null;
        for (String name : jobs.keySet()) {
            if (end == null || best.get(name) > best.get(end)) {
                end = name;
            }
        }
        List<String> path = new ArrayList<>();
        for (String at = end; at != null; at = via.get(at)) {
            path.add(0, at);
        }
        return end == null || best.get(end) == 0 ? List.of() : path;
    }

    private static long weight(String name, Map<String, PipelineJob> jobs, Map<String, Set<String>> needs, Map<String, Long> best,
                               Map<String, String> via, Set<String> path) {
        Long known = best.get(name);
        if (known != null) {
            return known;
        }
        if (!path.add(name)) {
            return 0;
        }
        long before = 0;
        String chosen = null;
        for (String b : needs.getOrDefault(name, Set.of())) {
            long w = weight(b, jobs, needs, best, via, path);
            if (chosen == null || w > before) {
                before = w;
                chosen = b;
            }
        }
        path.remove(name);
        Long own = jobs.get(name).durationMs();
        long total = before + (own == null ? 0 : own);
        best.put(name, total);
        if (chosen != null) {
            via.put(name, chosen);
        }
        return total;
    }

    /** How many layers (columns) the graph has. */
    public int layers() {
        return nodes.stream().mapToInt(Node::layer).max().orElse(-1) + 1;
    }
}
