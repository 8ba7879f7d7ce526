package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.ci.CiJson;
import dev.braid.pipelines.ci.PageGuard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Airflow through its REST API ({@link AirflowApi}: {@code /api/v2} of Airflow 3, {@code /api/v1}
 * of Airflow 2). A sync lists the DAGs (paused or not), then the DAG runs of every DAG
 * ({@code dags/~/dagRuns}) changed since the last sync ({@code updated_at_gte}) or all of them,
 * ordered by id: Airflow 3 pages them by keyset ({@code cursor}, then {@code next_cursor}),
 * which new runs cannot shift; Airflow 2 and Airflow 3 servers without cursors page by offset. A
 * run's tasks are its task instances, with every earlier try of a task tried more than once
 * ({@code …/tries}) and what each waits for from the DAG's tasks ({@code downstream_task_ids},
 * mapped upstream tasks expanded to their instances). Logs come per try, on demand.
 */
final class AirflowSource implements RunSource {
    static final int PAGE = 100;
    private final CiHttp http;
    private final AirflowApi api;
    private final String ui;
    private final AirflowDags dags;

    /**
     * @param ui the server's address ending in a slash, for the web pages of runs and tasks
     */
    AirflowSource(CiHttp http, AirflowApi api, String ui) {
        this.http = http;
        this.api = api;
        this.ui = ui.endsWith("/") ? ui : ui + "/";
        this.dags = new AirflowDags(http, api);
    }

    AirflowApi api() {
        return api;
    }

    @Override
    public void list(ListRequest request, Consumer<RunData> each) throws PipelineException {
        dags.list();
        String query = api.prefix() + "dags/~/dagRuns?limit=" + PAGE + "&order_by=id"
                + (request.full() || request.since() == null ? "" : "&updated_at_gte=" + CiJson.iso(request.since()));
        PageGuard guard = http.pages("DAG runs");
        // Airflow 3.3 pages by keyset when asked for a cursor; a server that does not know cursors
        // answers without next_cursor, and the listing goes on by offset.
        String cursor = api == AirflowApi.V2 ? "" : null;
        int offset = 0;
        while (true) {
            String path = query + (cursor != null ? "&cursor=" + CiJson.encode(cursor) : "&offset=" + offset);
            guard.next(path);
            JsonNode page = http.json(path);
            JsonNode runs = page.path("dag_runs");
            if (!runs.isArray()) {
                throw PipelineException.permanent(http.where() + " did not answer /dagRuns with a list of DAG runs", null);
            }
            for (JsonNode r : runs) {
                each.accept(AirflowRuns.run(api, ui, r));
            }
            if (cursor != null && page.has("next_cursor")) {
                String next = CiJson.text(page, "next_cursor");
                if (next == null || next.isEmpty() || runs.isEmpty()) {
                    return;
                }
                cursor = next;
                continue;
            }
            cursor = null;
            offset += runs.size();
            long total = page.path("total_entries").asLong(-1);
            if (runs.size() < PAGE || total >= 0 && offset >= total) {
                return;
            }
        }
    }

    @Override
    public List<SourcePipeline> pipelines() {
        return dags.seen();
    }

    @Override
    public RunData details(RunData listed) throws PipelineException {
        String[] ids = AirflowRuns.split(listed.runId);
        String dagId = ids[0];
        String dagRunId = ids[1];
        List<JsonNode> instances = instances(dagId, dagRunId);
        Map<String, SourcePipeline.Task> tasks = dags.tasks(dagId);
        List<JobData> jobs = new ArrayList<>();
        Map<String, List<String>> instancesOfTask = new LinkedHashMap<>();
        for (JsonNode ti : instances) {
            String taskId = CiJson.text(ti, "task_id");
            int mapIndex = ti.path("map_index").asInt(-1);
            instancesOfTask.computeIfAbsent(taskId, k -> new ArrayList<>()).add(AirflowRuns.name(taskId, mapIndex));
            int tries = ti.path("try_number").asInt(1);
            List<JsonNode> earlier = tries > 1 ? earlierTries(dagId, dagRunId, taskId, mapIndex, tries) : List.of();
            earlier.forEach(t -> jobs.add(AirflowRuns.task(api, ui, dagId, dagRunId, t)));
            jobs.add(AirflowRuns.task(api, ui, dagId, dagRunId, ti));
        }
        for (JobData job : jobs) {
            String taskId = job.name.endsWith("]") && job.name.lastIndexOf('[') > 0
                    ? job.name.substring(0, job.name.lastIndexOf('[')) : job.name;
            SourcePipeline.Task task = tasks.get(taskId);
            if (task != null) {
                for (String upstream : task.needs()) {
                    job.needs.addAll(instancesOfTask.getOrDefault(upstream, List.of()));
                }
            }
        }
        jobs.sort(Comparator.comparing((JobData j) -> j.startedAt == null ? Long.MAX_VALUE : j.startedAt)
                .thenComparing(j -> j.name).thenComparingInt(j -> j.attempt));
        listed.jobs = jobs;
        return listed;
    }

    /** The run's task instances (the latest try of each), a page at a time. */
    private List<JsonNode> instances(String dagId, String dagRunId) throws PipelineException {
        List<JsonNode> out = new ArrayList<>();
        PageGuard guard = http.pages("task instances of " + dagId + " " + dagRunId);
        for (int offset = 0; ; offset += PAGE) {
            String path = api.run(dagId, dagRunId) + "/taskInstances?limit=" + PAGE + "&offset=" + offset;
            guard.next(path);
            JsonNode page = http.json(path);
            JsonNode items = page.path("task_instances");
            items.forEach(out::add);
            long total = page.path("total_entries").asLong(-1);
            if (items.size() < PAGE || total >= 0 && offset + PAGE >= total) {
                return out;
            }
        }
    }

    /** The tries before the latest one; none when the server keeps no history (Airflow before 2.10). */
    private List<JsonNode> earlierTries(String dagId, String dagRunId, String taskId, int mapIndex, int latest)
            throws PipelineException {
        JsonNode answer;
        try {
            answer = http.json(api.tries(dagId, dagRunId, taskId, mapIndex));
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
        List<JsonNode> out = new ArrayList<>();
        // Airflow 3 lists them as task_instances, Airflow 2 as task_instances_history.
        JsonNode tries = answer.has("task_instances") ? answer.path("task_instances") : answer.path("task_instances_history");
        for (JsonNode t : tries) {
            if (t.path("try_number").asInt(latest) < latest) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Reread reread(String runId, String etag) throws PipelineException {
        String[] ids = AirflowRuns.split(runId);
        try {
            return Reread.of(details(AirflowRuns.run(api, ui, http.json(api.run(ids[0], ids[1])))));
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Reread.gone();
            }
            throw e;
        }
    }

    @Override
    public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
        Object[] job = AirflowRuns.parseJobId(jobId);
        if (job == null) {
            throw PipelineException.notFound("not the id of a try of an Airflow task: " + jobId + " (expected TASK#TRY)");
        }
        String[] ids = AirflowRuns.split(runId);
        CiHttp.Response response = http.download(api.log(ids[0], ids[1], (String) job[0], (int) job[1], (int) job[2]),
                capBytes, api.logMediaType());
        return new JobLog(AirflowLogText.render(response.text(), response.truncated()), response.truncated(),
                System.currentTimeMillis());
    }
}
