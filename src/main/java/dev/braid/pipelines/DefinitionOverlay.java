package dev.braid.pipelines;

import dev.braid.pipelines.definitions.DefinedJob;
import dev.braid.pipelines.definitions.DefinitionDag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline definition at a commit with a run of that commit laid over it (issue 10 §2): every
 * job the definition declares, in the definition's graph, carrying the status, times and id of the
 * run's job of the same name (its latest attempt); a declared job the run has none of shows as
 * {@link PipelineStatus#UNKNOWN} "not run". Jobs the run has but the definition does not declare
 * are counted in {@link #extraJobs()}, not drawn: the graph is the definition's.
 *
 * @param dag        the definition's jobs as a graph the Pipelines view draws
 * @param definition the definition read at the run's commit (its notes say what was left out)
 * @param matched    how many declared jobs the run ran
 * @param extraJobs  how many of the run's jobs the definition does not declare
 */
public record DefinitionOverlay(PipelineDag dag, DefinitionDag definition, int matched, int extraJobs) {
    /** Lays {@code run}'s job statuses over {@code definition}. */
    public static DefinitionOverlay of(DefinitionDag definition, PipelineRunDetail run) {
        Map<String, PipelineJob> latest = new HashMap<>();
        for (PipelineJob job : run == null ? List.<PipelineJob>of() : run.jobs()) {
            PipelineJob known = latest.get(job.name());
            if (known == null || known.retried() || job.attempt() > known.attempt()) {
                latest.put(job.name(), job);
            }
        }
        Map<String, String> nameOfId = new HashMap<>();
        for (DefinedJob job : definition.jobs()) {
            nameOfId.put(job.id(), job.name());
        }
        // Every edge the definition draws (declared needs, stage order, data passing), as names.
        Map<String, List<String>> before = new HashMap<>();
        for (dev.braid.pipelines.definitions.DefinedEdge edge : definition.edges()) {
            before.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(nameOfId.getOrDefault(edge.from(), edge.from()));
        }
        List<PipelineJob> jobs = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        int matched = 0;
        int position = 0;
        for (DefinedJob declared : definition.topologicalOrder()) {
            List<String> needs = before.getOrDefault(declared.id(), List.of()).stream().distinct().toList();
            PipelineJob ran = ranAs(declared, latest).orElse(null);
            String stage = declared.stage().isEmpty() ? null : declared.stage();
            if (ran != null && used.add(ran.name())) {
                matched++;
                jobs.add(new PipelineJob(ran.id(), declared.name(), stage, ran.kind(), ran.status(), ran.sourceStatus(),
                        ran.createdAt(), ran.startedAt(), ran.finishedAt(), ran.queuedMs(), ran.durationMs(), ran.attempt(), false,
                        ran.allowFailure(), ran.runner(), needs, ran.url(), position++, ran.downstream(), ran.steps()));
            } else {
                jobs.add(new PipelineJob("definition:" + declared.id(), declared.name(), stage, "job", PipelineStatus.UNKNOWN,
                        "not run", null, null, null, null, null, 1, false, declared.attribute("allow_failure").equals("true"),
                        null, needs, null, position++, null, List.of()));
            }
        }
        int extra = (int) latest.keySet().stream().filter(name -> !used.contains(name)).count();
        return new DefinitionOverlay(PipelineDag.of(jobs), definition, matched, extra);
    }

    /** The run's job for a declared one: the same name, else the same id, else its group's name (one parallel copy). */
    private static Optional<PipelineJob> ranAs(DefinedJob declared, Map<String, PipelineJob> latest) {
        for (String name : List.of(declared.name(), declared.id(), declared.group())) {
            PipelineJob job = latest.get(name);
            if (job != null) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** One line for the view: what the definition is, how much of it the run ran and what was left out. */
    public String summary() {
        StringBuilder out = new StringBuilder(definition.file()).append(" at ")
                .append(definition.commit().length() > 10 ? definition.commit().substring(0, 10) : definition.commit())
                .append(": ").append(matched).append(" of ").append(definition.jobs().size()).append(" declared jobs ran");
        if (extraJobs > 0) {
            out.append(", ").append(extraJobs).append(" run job").append(extraJobs == 1 ? "" : "s").append(" not declared");
        }
        if (!definition.notes().isEmpty()) {
            out.append(". Left out: ").append(String.join("; ", definition.notes()));
        }
        return out.toString();
    }
}
