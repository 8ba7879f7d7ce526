package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.ci.CiJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads KFP v2beta1 runs and their {@code task_details} into Braid's run model. The API server
 * writes unset times as the epoch ({@code 1970-01-01T00:00:00Z}); those are no time. The task
 * details are the nodes of the run's Argo workflow: the workflow itself (no parent, the others below
 * it), the root DAG, a driver pod beside each task and
 * the task itself, and for a task with retries one node per attempt named {@code name(0)},
 * {@code name(1)}… beside a node named after the task that groups them. Braid shows them as the
 * Kubeflow UI does: one job per attempt of each task (the grouping nodes, the root and the drivers
 * left out), each named
 * by its task and identified by its pod (the key of its log); what a task waits for comes from the
 * run's pipeline spec ({@code root.dag.tasks.<name>.dependentTasks}) when the run carries it.
 */
final class KubeflowTasks {
    private static final Pattern ATTEMPT = Pattern.compile("(.+)\\((\\d{1,4})\\)");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

    private KubeflowTasks() {
    }

    static RunData run(String ui, JsonNode r) {
        RunData run = new RunData(CiJson.text(r, "run_id"));
        String state = CiJson.text(r, "state");
        run.sourceStatus = state;
        run.status = status(state);
        run.title = CiJson.text(r, "display_name");
        run.pipeline = pipelineName(r);
        run.createdAt = time(r, "created_at");
        run.startedAt = firstRunning(r.path("state_history"));
        if (run.startedAt == null && run.status != PipelineStatus.QUEUED) {
            run.startedAt = time(r, "scheduled_at");
        }
        run.finishedAt = run.status.finished() ? time(r, "finished_at") : null;
        String recurring = CiJson.text(r, "recurring_run_id");
        run.event = recurring != null && !recurring.isBlank() ? "recurring" : "manual";
        run.sha = commit(r.path("runtime_config").path("parameters"));
        run.url = ui + "#/runs/details/" + run.runId;
        run.version = state + "|" + CiJson.text(r, "finished_at") + "|" + r.path("state_history").size() + "|"
                + CiJson.text(r, "storage_state");
        return run;
    }

    private static String pipelineName(JsonNode r) {
        String name = CiJson.text(r.path("pipeline_spec").path("pipelineInfo"), "name");
        if (name == null) {
            name = CiJson.text(r.path("pipeline_spec").path("pipeline_spec").path("pipelineInfo"), "name");
        }
        if (name == null) {
            name = CiJson.text(r.path("pipeline_version_reference"), "pipeline_id");
        }
        return name == null ? CiJson.text(r, "pipeline_id") : name;
    }

    private static String commit(JsonNode parameters) {
        for (String key : AirflowRuns.COMMIT_KEYS) {
            String value = CiJson.text(parameters, key);
            if (value != null && SHA.matcher(value.strip()).matches()) {
                return value.strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /**
     * The jobs of a run read with {@code GET /apis/v2beta1/runs/{id}}; {@code spec} is the pipeline
     * spec that says what each task waits for (the run's own, or its pipeline version's).
     */
    static List<JobData> tasks(JsonNode r, JsonNode spec) {
        Map<String, List<String>> needs = dependencies(spec);
        String runName = CiJson.text(r, "display_name");
        java.util.Set<String> retried = new java.util.HashSet<>();
        for (JsonNode t : r.path("run_details").path("task_details")) {
            Matcher m = ATTEMPT.matcher(String.valueOf(CiJson.text(t, "display_name")));
            if (m.matches()) {
                retried.add(m.group(1));
            }
        }
        List<JobData> out = new ArrayList<>();
        for (JsonNode t : r.path("run_details").path("task_details")) {
            String display = CiJson.text(t, "display_name");
            boolean workflow = CiJson.text(t, "parent_task_id") == null && t.path("child_tasks").size() > 0;
            if (display == null || workflow || display.equals("root") || display.endsWith("-driver") || display.equals(runName)
                    || retried.contains(display)) {
                continue; // the workflow's own nodes, and the node grouping a task's attempts
            }
            String name = display;
            int attempt = 1;
            Matcher m = ATTEMPT.matcher(display);
            if (m.matches()) {
                name = m.group(1);
                attempt = Integer.parseInt(m.group(2)) + 1;
            }
            String pod = CiJson.text(t, "pod_name");
            JobData job = new JobData(pod != null && !pod.isBlank() ? pod : CiJson.text(t, "task_id"), name);
            job.kind = "task";
            job.attempt = attempt;
            String state = CiJson.text(t, "state");
            job.sourceStatus = state;
            job.status = status(state);
            job.createdAt = time(t, "create_time");
            job.startedAt = time(t, "start_time");
            job.finishedAt = job.status.finished() ? time(t, "end_time") : null;
            job.needs.addAll(needs.getOrDefault(name, List.of()));
            out.add(job);
        }
        return out;
    }

    /** {@code root.dag.tasks.<name>.dependentTasks} of a pipeline spec (also when wrapped in {@code pipeline_spec}). */
    static Map<String, List<String>> dependencies(JsonNode spec) {
        JsonNode tasks = spec.path("root").path("dag").path("tasks");
        if (!tasks.isObject()) {
            tasks = spec.path("pipeline_spec").path("root").path("dag").path("tasks");
        }
        Map<String, List<String>> out = new HashMap<>();
        tasks.fields().forEachRemaining(e -> {
            List<String> before = new ArrayList<>();
            e.getValue().path("dependentTasks").forEach(d -> before.add(d.asText()));
            out.put(e.getKey(), before);
        });
        return out;
    }

    private static Long firstRunning(JsonNode history) {
        for (JsonNode h : history) {
            if ("RUNNING".equals(CiJson.text(h, "state"))) {
                return time(h, "update_time");
            }
        }
        return null;
    }

    /** A time, or null when absent or the epoch (the API server's word for unset). */
    static Long time(JsonNode node, String field) {
        Long t = CiJson.time(node, field);
        return t == null || t <= 0 ? null : t;
    }

    static PipelineStatus status(String state) {
        if (state == null) {
            return PipelineStatus.UNKNOWN;
        }
        return switch (state) {
            case "PENDING" -> PipelineStatus.QUEUED;
            case "RUNNING", "CANCELING" -> PipelineStatus.RUNNING;
            case "SUCCEEDED" -> PipelineStatus.SUCCESS;
            case "SKIPPED" -> PipelineStatus.SKIPPED;
            case "FAILED" -> PipelineStatus.FAILED;
            case "CANCELED" -> PipelineStatus.CANCELED;
            case "PAUSED" -> PipelineStatus.MANUAL;
            default -> PipelineStatus.UNKNOWN;
        };
    }
}
