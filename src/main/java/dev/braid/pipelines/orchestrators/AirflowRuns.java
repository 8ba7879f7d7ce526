package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.ci.CiJson;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Airflow's DAG runs and task instances into Braid's run model. A DAG run is a run whose id
 * is {@code <dag_id>/<dag_run_id>} (a DAG id holds no slash) and whose pipeline is the DAG; each try
 * of each task instance is a job, named by the task id with the map index in brackets for a mapped
 * task ({@code score[2]}) and identified as {@code <name>#<try>}, so the tries of a task are the
 * attempts of one job and only the latest is not "retried", as in Airflow's grid.
 */
final class AirflowRuns {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
    /** {@code conf} keys a run's trigger may name its commit with. */
    static final List<String> COMMIT_KEYS = List.of("git_sha", "git_commit", "commit", "sha", "revision");

    private AirflowRuns() {
    }

    static String runId(String dagId, String dagRunId) {
        return dagId + "/" + dagRunId;
    }

    /** {@code [dag id, dag run id]} of a run id. */
    static String[] split(String runId) {
        int slash = runId.indexOf('/');
        return slash < 0 ? new String[] {runId, ""} : new String[] {runId.substring(0, slash), runId.substring(slash + 1)};
    }

    /** A DAG run as the listing gives it (everything but its tasks). */
    static RunData run(AirflowApi api, String ui, JsonNode r) {
        String dagId = CiJson.text(r, "dag_id");
        String dagRunId = CiJson.text(r, "dag_run_id");
        RunData run = new RunData(runId(dagId, dagRunId));
        run.pipeline = dagId;
        String state = CiJson.text(r, "state");
        run.sourceStatus = state;
        run.status = runStatus(state);
        run.event = CiJson.text(r, "run_type");
        run.author = CiJson.text(r, "triggering_user_name");
        run.title = CiJson.text(r, "note");
        run.sha = commit(r);
        Long queued = CiJson.time(r, "queued_at");
        run.createdAt = first(queued, CiJson.time(r, "run_after"), CiJson.time(r, "data_interval_end"),
                CiJson.time(r, "logical_date"), CiJson.time(r, "execution_date"), CiJson.time(r, "start_date"));
        run.startedAt = CiJson.time(r, "start_date");
        run.finishedAt = run.status.finished() ? CiJson.time(r, "end_date") : null;
        Long duration = CiJson.seconds(r, "duration");
        run.durationMs = run.status.finished() ? duration : null;
        run.url = api.runPage(ui, dagId, dagRunId);
        // What changes when the run does (it has no updated_at field): its state, and its dates,
        // which clearing the run resets.
        run.version = state + "|" + CiJson.text(r, "queued_at") + "|" + CiJson.text(r, "start_date") + "|"
                + CiJson.text(r, "end_date") + "|" + CiJson.text(r, "note");
        return run;
    }

    /** The commit a run names: an Airflow 3 git bundle's version, else a commit in the trigger's {@code conf}. */
    private static String commit(JsonNode r) {
        String bundle = CiJson.text(r, "bundle_version");
        if (bundle != null && SHA.matcher(bundle).matches()) {
            return bundle.toLowerCase(java.util.Locale.ROOT);
        }
        JsonNode conf = r.path("conf");
        for (String key : COMMIT_KEYS) {
            String value = CiJson.text(conf, key);
            if (value != null && SHA.matcher(value.strip()).matches()) {
                return value.strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /** One try of a task instance ({@code ti} a task instance or a task instance's history entry). */
    static JobData task(AirflowApi api, String ui, String dagId, String dagRunId, JsonNode ti) {
        String taskId = CiJson.text(ti, "task_id");
        int mapIndex = ti.path("map_index").asInt(-1);
        int tryNumber = Math.max(1, ti.path("try_number").asInt(1));
        String name = name(taskId, mapIndex);
        JobData job = new JobData(name + "#" + tryNumber, name);
        job.kind = "task";
        int dot = taskId.lastIndexOf('.');
        job.stage = dot > 0 ? taskId.substring(0, dot) : null;
        String state = ti.path("state").isNull() || ti.path("state").isMissingNode() ? "none" : ti.path("state").asText();
        job.sourceStatus = state;
        job.status = taskStatus(state);
        job.attempt = tryNumber;
        job.createdAt = first(CiJson.time(ti, "scheduled_when"), CiJson.time(ti, "queued_when"));
        job.startedAt = CiJson.time(ti, "start_date");
        job.finishedAt = job.status.finished() ? CiJson.time(ti, "end_date") : null;
        Long duration = CiJson.seconds(ti, "duration");
        job.durationMs = job.status.finished() ? duration : null;
        if (job.createdAt != null && job.startedAt != null) {
            job.queuedMs = Math.max(0, job.startedAt - job.createdAt);
        }
        String host = CiJson.text(ti, "hostname");
        job.runner = host == null || host.isBlank() ? CiJson.text(ti, "executor") : host;
        job.url = api.taskPage(ui, dagId, dagRunId, taskId, mapIndex, tryNumber);
        return job;
    }

    static String name(String taskId, int mapIndex) {
        return mapIndex >= 0 ? taskId + "[" + mapIndex + "]" : taskId;
    }

    /** {@code [task id, map index, try]} of a job id such as {@code score[2]#1}; null for anything else. */
    static Object[] parseJobId(String jobId) {
        int hash = jobId.lastIndexOf('#');
        if (hash <= 0 || !jobId.substring(hash + 1).matches("\\d{1,6}")) {
            return null;
        }
        String name = jobId.substring(0, hash);
        int tryNumber = Integer.parseInt(jobId.substring(hash + 1));
        int mapIndex = -1;
        if (name.endsWith("]") && name.lastIndexOf('[') > 0) {
            String index = name.substring(name.lastIndexOf('[') + 1, name.length() - 1);
            if (index.matches("\\d{1,9}")) {
                mapIndex = Integer.parseInt(index);
                name = name.substring(0, name.lastIndexOf('['));
            }
        }
        return new Object[] {name, mapIndex, tryNumber};
    }

    static PipelineStatus runStatus(String state) {
        if (state == null) {
            return PipelineStatus.UNKNOWN;
        }
        return switch (state) {
            case "queued" -> PipelineStatus.QUEUED;
            case "running" -> PipelineStatus.RUNNING;
            case "success" -> PipelineStatus.SUCCESS;
            case "failed" -> PipelineStatus.FAILED;
            default -> PipelineStatus.UNKNOWN;
        };
    }

    /**
     * Airflow's task states in Braid's words: waiting to run (no state yet, scheduled, queued, up
     * for retry or reschedule) is queued; running, restarting, deferred (waiting on a trigger) and
     * awaiting input are running; upstream_failed, skipped and removed did not run.
     */
    static PipelineStatus taskStatus(String state) {
        return switch (state) {
            case "none", "scheduled", "queued", "up_for_retry", "up_for_reschedule" -> PipelineStatus.QUEUED;
            case "running", "restarting", "deferred", "awaiting_input" -> PipelineStatus.RUNNING;
            case "success" -> PipelineStatus.SUCCESS;
            case "failed" -> PipelineStatus.FAILED;
            case "upstream_failed", "skipped", "removed" -> PipelineStatus.SKIPPED;
            default -> PipelineStatus.UNKNOWN;
        };
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
