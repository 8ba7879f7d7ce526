package dev.braid.pipelines.definitions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the jobs, edges and notes of one definition while a reader walks its file, then makes
 * the {@link DefinitionDag}: repeated edges between the same two jobs become one (data passing
 * wins over a declared need, which wins over order; labels are joined), edges to jobs that do not
 * exist are dropped with a note, and each job's {@code needs} is filled from its edges.
 */
public final class DagBuilder {
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, DefinedEdge> edges = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final List<String> stages = new ArrayList<>();

    private record Job(String id, String name, String stage, String group, Map<String, String> attributes) {
    }

    /** Adds a job; a second job with an id already taken is left out with a note. Returns whether it was added. */
    public boolean job(String id, String name, String stage, String group, Map<String, String> attributes) {
        if (jobs.containsKey(id)) {
            note("A second job named '" + id + "' was left out.");
            return false;
        }
        jobs.put(id, new Job(id, name, stage, group, new LinkedHashMap<>(attributes)));
        return true;
    }

    public boolean hasJob(String id) {
        return jobs.containsKey(id);
    }

    /** The ids of the jobs added so far, in order. */
    public List<String> jobIds() {
        return List.copyOf(jobs.keySet());
    }

    /** {@code to} waits for {@code from}. */
    public void edge(String from, String to, DefinedEdge.Kind kind, String label) {
        if (from.equals(to)) {
            note("'" + to + "' names itself as a dependency; that edge was left out.");
            return;
        }
        String key = from + "\u0000" + to;
        DefinedEdge known = edges.get(key);
        if (known == null) {
            edges.put(key, new DefinedEdge(from, to, kind, label));
            return;
        }
        DefinedEdge.Kind stronger = known.kind().ordinal() >= kind.ordinal() ? known.kind() : kind;
        edges.put(key, new DefinedEdge(from, to, stronger, joinLabels(known.label(), label)));
    }

    /** A sentence about something that was left out. Repeats are kept once. */
    public void note(String sentence) {
        notes.add(sentence);
    }

    public void stage(String name) {
        if (!stages.contains(name)) {
            stages.add(name);
        }
    }

    public DefinitionDag build(DefinitionKind kind, String file, String commit, String name) {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        List<DefinedEdge> kept = new ArrayList<>();
        for (DefinedEdge edge : edges.values()) {
            if (!jobs.containsKey(edge.from()) || !jobs.containsKey(edge.to())) {
                note("'" + edge.to() + "' needs '" + edge.from()
                        + "', which is not defined in this file; that dependency was left out.");
                continue;
            }
            kept.add(edge);
            needs.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge.from());
        }
        List<DefinedJob> out = new ArrayList<>(jobs.size());
        for (Job job : jobs.values()) {
            out.add(new DefinedJob(job.id(), job.name(), job.stage(), needs.getOrDefault(job.id(), List.of()),
                    job.group(), job.attributes()));
        }
        return new DefinitionDag(kind, file, commit, name, stages, out, kept, List.copyOf(notes));
    }

    private static String joinLabels(String a, String b) {
        if (a.isEmpty() || a.equals(b)) {
            return b.isEmpty() ? a : b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<String> parts = new LinkedHashSet<>(List.of(a.split(", ")));
        parts.addAll(List.of(b.split(", ")));
        return String.join(", ", parts);
    }
}
