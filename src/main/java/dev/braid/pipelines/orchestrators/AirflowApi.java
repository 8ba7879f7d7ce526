package dev.braid.pipelines.orchestrators;

import dev.braid.pipelines.ci.CiJson;

/**
 * The two REST APIs Airflow has had: {@code /api/v1} (Airflow 2, basic authentication) and
 * {@code /api/v2} (Airflow 3, a bearer token from {@code POST /auth/token}). Their DAG, DAG run and
 * task instance resources have the same paths and nearly the same fields; where they differ (the
 * time a run was created, keyset pages, how logs come back, the web pages of runs and tasks) this
 * says how.
 */
enum AirflowApi {
    V1("api/v1/"),
    V2("api/v2/");

    private final String prefix;

    AirflowApi(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** {@code dags/{dag}/dagRuns/{run}} under the API, both parts encoded. */
    String run(String dagId, String runId) {
        return prefix + "dags/" + CiJson.encode(dagId) + "/dagRuns/" + CiJson.encode(runId);
    }

    /** The tries of one task instance ({@code mapIndex} -1 for an unmapped task). */
    String tries(String dagId, String runId, String taskId, int mapIndex) {
        return run(dagId, runId) + "/taskInstances/" + CiJson.encode(taskId) + (mapIndex >= 0 ? "/" + mapIndex : "")
                + "/tries?limit=100";
    }

    /** A try's log, whole. */
    String log(String dagId, String runId, String taskId, int mapIndex, int tryNumber) {
        return run(dagId, runId) + "/taskInstances/" + CiJson.encode(taskId) + "/logs/" + tryNumber + "?full_content=true"
                + (mapIndex >= 0 ? "&map_index=" + mapIndex : "");
    }

    /** What to ask a log for: Airflow 3 answers structured lines (NDJSON), Airflow 2 plain text. */
    String logMediaType() {
        return this == V2 ? "application/x-ndjson" : "text/plain";
    }

    /** The web page of a DAG run, under the server's address {@code ui} (ending in a slash). */
    String runPage(String ui, String dagId, String runId) {
        return this == V2 ? ui + "dags/" + CiJson.encode(dagId) + "/runs/" + CiJson.encode(runId)
                : ui + "dags/" + CiJson.encode(dagId) + "/grid?dag_run_id=" + CiJson.encode(runId);
    }

    /** The web page of one try of a task instance. */
    String taskPage(String ui, String dagId, String runId, String taskId, int mapIndex, int tryNumber) {
        if (this == V2) {
            return runPage(ui, dagId, runId) + "/tasks/" + CiJson.encode(taskId) + (mapIndex >= 0 ? "/mapped/" + mapIndex : "")
                    + "?try_number=" + tryNumber;
        }
        return runPage(ui, dagId, runId) + "&task_id=" + CiJson.encode(taskId) + (mapIndex >= 0 ? "&map_index=" + mapIndex : "")
                + "&tab=logs";
    }
}
