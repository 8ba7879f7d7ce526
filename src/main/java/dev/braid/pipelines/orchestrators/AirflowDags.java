package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.ci.CiJson;
import dev.braid.pipelines.ci.PageGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DAGs of an Airflow server as one sync sees them: the list ({@code GET dags}, paused or not,
 * schedule, tags, owners) and, for each DAG whose runs the sync reads, its tasks
 * ({@code GET dags/{id}/tasks}: {@code downstream_task_ids} turned into what each task waits for,
 * mapped or not). A DAG's tasks are asked for once per sync.
 */
final class AirflowDags {
    static final int PAGE = 100;
    private final CiHttp http;
    private final AirflowApi api;
    private final Map<String, SourcePipeline> listed = new LinkedHashMap<>();
    private final Map<String, Map<String, SourcePipeline.Task>> tasks = new ConcurrentHashMap<>();

    AirflowDags(CiHttp http, AirflowApi api) {
        this.http = http;
        this.api = api;
    }

    /** Lists every DAG (a page of 100 at a time). */
    void list() throws PipelineException {
        PageGuard guard = http.pages("DAGs");
        for (int offset = 0; ; offset += PAGE) {
            String path = api.prefix() + "dags?limit=" + PAGE + "&offset=" + offset;
            guard.next(path);
            JsonNode page = http.json(path);
            JsonNode dags = page.path("dags");
            if (!dags.isArray()) {
                throw PipelineException.permanent(http.where() + " did not answer /dags with a list of DAGs", null);
            }
            for (JsonNode dag : dags) {
                String id = CiJson.text(dag, "dag_id");
                if (id != null) {
                    listed.put(id, dag(dag));
                }
            }
            long total = page.path("total_entries").asLong(-1);
            if (dags.size() < PAGE || total >= 0 && offset + PAGE >= total) {
                return;
            }
        }
    }

    private static SourcePipeline dag(JsonNode d) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : d.path("tags")) {
            String name = tag.isTextual() ? tag.asText() : CiJson.text(tag, "name");
            if (name != null) {
                tags.add(name);
            }
        }
        List<String> owners = new ArrayList<>();
        d.path("owners").forEach(o -> owners.add(o.asText()));
        String schedule = CiJson.text(d, "timetable_summary");
        JsonNode interval = d.path("schedule_interval");
        if (schedule == null && interval.isObject()) {
            schedule = CiJson.text(interval, "value");
        }
        if (schedule == null) {
            schedule = CiJson.text(d, "timetable_description");
        }
        String display = CiJson.text(d, "dag_display_name");
        return new SourcePipeline(CiJson.text(d, "dag_id"), display, d.path("is_paused").asBoolean(false), schedule,
                CiJson.text(d, "description"), tags, owners, null);
    }

    /** The tasks of {@code dagId} by id, read once per sync; empty when the server no longer has the DAG. */
    Map<String, SourcePipeline.Task> tasks(String dagId) throws PipelineException {
        Map<String, SourcePipeline.Task> known = tasks.get(dagId);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = tasks.get(dagId);
            if (known != null) {
                return known;
            }
            Map<String, SourcePipeline.Task> read = read(dagId);
            tasks.put(dagId, read);
            return read;
        }
    }

    private Map<String, SourcePipeline.Task> read(String dagId) throws PipelineException {
        JsonNode answer;
        try {
            answer = http.json(api.prefix() + "dags/" + CiJson.encode(dagId) + "/tasks");
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return Map.of();
            }
            throw e;
        }
        Map<String, List<String>> needs = new LinkedHashMap<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode t : answer.path("tasks")) {
            String id = CiJson.text(t, "task_id");
            if (id != null) {
                byId.put(id, t);
                needs.putIfAbsent(id, new ArrayList<>());
            }
        }
        for (Map.Entry<String, JsonNode> t : byId.entrySet()) {
            for (JsonNode down : t.getValue().path("downstream_task_ids")) {
                needs.computeIfAbsent(down.asText(), k -> new ArrayList<>()).add(t.getKey());
            }
        }
        Map<String, SourcePipeline.Task> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> t : byId.entrySet()) {
            JsonNode task = t.getValue();
            String operator = CiJson.text(task, "operator_name");
            if (operator == null) {
                operator = CiJson.text(task.path("class_ref"), "class_name");
            }
            // Numbers come back as floats (retries: 1.0).
            out.put(t.getKey(), new SourcePipeline.Task(t.getKey(), needs.get(t.getKey()), task.path("is_mapped").asBoolean(false),
                    operator, (int) task.path("retries").asDouble(0)));
        }
        return out;
    }

    /** What this sync saw: every listed DAG, with its tasks where they were read. */
    List<SourcePipeline> seen() {
        List<SourcePipeline> out = new ArrayList<>();
        for (SourcePipeline dag : listed.values()) {
            Map<String, SourcePipeline.Task> read = tasks.get(dag.pipeline());
            out.add(read == null || read.isEmpty() ? dag : new SourcePipeline(dag.pipeline(), dag.displayName(), dag.paused(),
                    dag.schedule(), dag.description(), dag.tags(), dag.owners(), List.copyOf(read.values())));
        }
        return out;
    }
}
