package dev.braid.pipelines.definitions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline definition read from one file at one commit, as a DAG of jobs. Whatever could not be
 * read (a remote include, a matrix computed at run time, a scripted Jenkinsfile's conditions) is
 * left out and said in {@code notes}, one plain sentence each; the rest is still drawn. Jobs are in
 * the order the file lists them (GitLab: by stage, then as written).
 *
 * @param kind what kind of definition the file is
 * @param file the file's path in the repository (forward slashes)
 * @param commit the full hash of the commit it was read from
 * @param name the pipeline's name where the file gives one (workflow {@code name:}, Kubeflow
 *     {@code pipelineInfo.name}), else the file's path
 * @param stages the stage or group names in pipeline order (GitLab stages, CircleCI workflows);
 *     empty where the system has none
 * @param jobs the jobs, ids unique
 * @param edges the dependencies; every edge joins two listed jobs
 * @param notes what was left out or could not be read, empty when the definition was read whole
 */
public record DefinitionDag(DefinitionKind kind, String file, String commit, String name, List<String> stages,
                            List<DefinedJob> jobs, List<DefinedEdge> edges, List<String> notes) {
    public DefinitionDag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        commit = commit == null ? "" : commit;
        name = name == null || name.isBlank() ? file : name;
        stages = List.copyOf(stages);
        jobs = List.copyOf(jobs);
        edges = List.copyOf(edges);
        notes = List.copyOf(notes);
    }

    /** Whether everything in the file was read (no notes). */
    public boolean complete() {
        return notes.isEmpty();
    }

    public Optional<DefinedJob> job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** The jobs with the name a CI system reports for its runs (several for GitHub's reusable workflows). */
    public List<DefinedJob> jobsNamed(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).toList();
    }

    /** The same DAG recorded at another commit (a file unchanged between commits reads the same). */
    public DefinitionDag atCommit(String otherCommit) {
        return new DefinitionDag(kind, file, otherCommit, name, stages, jobs, edges, notes);
    }

    /**
     * The jobs in an order where every job comes after the jobs it needs (Kahn's algorithm, ties
     * kept in file order). A cycle, which no CI system accepts, leaves its jobs at the end.
     */
    public List<DefinedJob> topologicalOrder() {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> next = new HashMap<>();
        for (DefinedJob job : jobs) {
            waiting.put(job.id(), 0);
        }
        for (DefinedEdge edge : edges) {
            waiting.merge(edge.to(), 1, Integer::sum);
            next.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge.to());
        }
        List<DefinedJob> out = new ArrayList<>(jobs.size());
        List<DefinedJob> pending = new ArrayList<>(jobs);
        boolean progressed = true;
        while (!pending.isEmpty() && progressed) {
            progressed = false;
            for (int i = 0; i < pending.size(); i++) {
                DefinedJob job = pending.get(i);
                if (waiting.get(job.id()) == 0) {
                    out.add(job);
                    pending.remove(i);
                    for (String to : next.getOrDefault(job.id(), List.of())) {
                        waiting.merge(to, -1, Integer::sum);
                    }
                    progressed = true;
                    break;
                }
            }
        }
        out.addAll(pending);
        return out;
    }
}
