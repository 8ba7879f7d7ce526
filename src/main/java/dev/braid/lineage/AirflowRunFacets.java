package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Airflow's OpenLineage provider says of the run an event is about (ADR 8, "Airflow runs"): a
 * DAG run's events carry the {@code airflowDagRun} run facet, a task's the {@code airflow} run
 * facet, both with {@code dagRun.dag_id} and {@code dagRun.run_id}; a task's also with
 * {@code task.task_id} and {@code taskInstance.try_number} and, for a mapped task,
 * {@code taskInstance.map_index}. Kept as properties of the run's node so that the same DAG run or
 * task try read from Airflow's API is found and drawn as this one node.
 */
public final class AirflowRunFacets {
    public static final String DAG_ID = "airflowDagId";
    public static final String RUN_ID = "airflowRunId";
    public static final String TASK_ID = "airflowTaskId";
    public static final String TRY_NUMBER = "airflowTry";
    public static final String MAP_INDEX = "airflowMapIndex";

    private AirflowRunFacets() {
    }

    /** {@link #DAG_ID} and {@link #RUN_ID} of the DAG run the event's run is or belongs to; empty when none is named. */
    static Map<String, String> dagRun(JsonNode runFacets) {
        JsonNode facet = live(runFacets.path("airflow"));
        if (facet == null) {
            facet = live(runFacets.path("airflowDagRun"));
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (facet == null) {
            return out;
        }
        JsonNode dagRun = facet.path("dagRun");
        String dagId = text(dagRun.path("dag_id"));
        String runId = text(dagRun.path("run_id"));
        if (dagId != null && runId != null) {
            out.put(DAG_ID, dagId);
            out.put(RUN_ID, runId);
        }
        return out;
    }

    /** {@link #TASK_ID}, {@link #TRY_NUMBER} and {@link #MAP_INDEX} of a task try's event; empty for anything else. */
    static Map<String, String> taskInstance(JsonNode runFacets) {
        JsonNode facet = live(runFacets.path("airflow"));
        Map<String, String> out = new LinkedHashMap<>();
        if (facet == null) {
            return out;
        }
        String taskId = text(facet.path("task").path("task_id"));
        JsonNode ti = facet.path("taskInstance");
        if (taskId == null || !ti.path("try_number").canConvertToInt()) {
            return out;
        }
        out.put(TASK_ID, taskId);
        out.put(TRY_NUMBER, Integer.toString(ti.path("try_number").asInt()));
        if (ti.path("map_index").canConvertToInt() && ti.path("map_index").asInt() >= 0) {
            out.put(MAP_INDEX, Integer.toString(ti.path("map_index").asInt()));
        }
        return out;
    }

    private static JsonNode live(JsonNode facet) {
        return facet.isObject() && !facet.path("_deleted").asBoolean(false) ? facet : null;
    }

    private static String text(JsonNode value) {
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
