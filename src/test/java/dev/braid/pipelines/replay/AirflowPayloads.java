package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON Airflow answers, field for field as its published API descriptions define them:
 * {@code DAGResponse}, {@code DAGRunResponse}, {@code TaskInstanceResponse},
 * {@code TaskInstanceHistoryResponse} and {@code TaskResponse} of Airflow 3.3.2's
 * {@code v2-rest-api-generated.yaml} (every field they require), and {@code DAG}, {@code DAGRun},
 * {@code TaskInstance} and {@code Task} of Airflow 2.10.5's {@code v1.yaml}.
 * {@code AirflowReplayConformanceTest} checks the replay's answers against both.
 */
final class AirflowPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean v2;

    AirflowPayloads(boolean v2) {
        this.v2 = v2;
    }

    /** Airflow 3 writes UTC times with a Z, Airflow 2 with +00:00. */
    String time(Long millis) {
        if (millis == null) {
            return null;
        }
        String iso = Instant.ofEpochMilli(millis).toString();
        return v2 ? iso : iso.replace("Z", "+00:00");
    }

    ObjectNode dag(AirflowHistory.Dag d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("dag_id", d.id);
        o.put("dag_display_name", d.id);
        o.put("is_paused", d.paused);
        o.put("fileloc", "/opt/airflow/dags/" + d.id + ".py");
        o.put("description", "Replayed DAG " + d.id);
        o.put("timetable_description", "At 00:00");
        o.put("max_active_tasks", 16);
        o.put("max_active_runs", 16);
        o.put("has_task_concurrency_limits", false);
        o.put("has_import_errors", false);
        o.put("max_consecutive_failed_dag_runs", 0);
        o.putArray("owners").add("airflow");
        ArrayNode tags = o.putArray("tags");
        if (v2) {
            o.put("is_stale", false);
            o.put("last_parsed_time", time(AirflowHistory.START));
            o.put("last_parse_duration", 0.42);
            o.putNull("last_expired");
            o.put("bundle_name", "dags-folder");
            o.putNull("bundle_version");
            o.put("relative_fileloc", d.id + ".py");
            o.put("timetable_summary", "@daily");
            o.put("timetable_partitioned", false);
            o.put("timetable_periodic", true);
            o.putNull("next_dagrun_logical_date");
            o.putNull("next_dagrun_data_interval_start");
            o.putNull("next_dagrun_data_interval_end");
            o.putNull("next_dagrun_run_after");
            o.putNull("allowed_run_types");
            o.put("is_backfillable", true);
            o.put("file_token", "token-" + d.id);
            ObjectNode tag = tags.addObject();
            tag.put("name", "replay");
            tag.put("dag_id", d.id);
            tag.put("dag_display_name", d.id);
        } else {
            o.put("is_active", true);
            o.put("default_view", "grid");
            o.put("file_token", "token-" + d.id);
            ObjectNode interval = o.putObject("schedule_interval");
            interval.put("__type", "CronExpression");
            interval.put("value", "0 0 * * *");
            tags.addObject().put("name", "replay");
        }
        return o;
    }

    ObjectNode task(AirflowHistory.Task t) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode ref = o.putObject("class_ref");
        ref.put("module_path", "airflow.providers.standard.operators.python");
        ref.put("class_name", "PythonOperator");
        o.put("task_id", t.id);
        o.put("task_display_name", t.id);
        o.put("owner", "airflow");
        o.put("start_date", time(AirflowHistory.START));
        o.putNull("end_date");
        o.put("trigger_rule", "all_success");
        o.put("depends_on_past", false);
        o.put("wait_for_downstream", false);
        o.put("retries", (double) t.retries);
        o.put("queue", "default");
        o.put("pool", "default_pool");
        o.put("pool_slots", 1.0);
        ObjectNode delay = o.putObject("retry_delay");
        delay.put("__type", "TimeDelta");
        delay.put("days", 0);
        delay.put("seconds", 300);
        delay.put("microseconds", 0);
        if (v2) {
            o.put("retry_exponential_backoff", 0.0); // a multiplier in Airflow 3, a flag in Airflow 2
        } else {
            o.put("retry_exponential_backoff", false);
        }
        o.put("priority_weight", 1.0);
        o.put("weight_rule", "downstream");
        o.put("ui_color", "#ffefeb");
        o.put("ui_fgcolor", "#000");
        o.putArray("template_fields");
        ArrayNode down = o.putArray("downstream_task_ids");
        t.downstream.forEach(down::add);
        o.putNull("doc_md");
        o.put("is_mapped", t.mapped);
        o.putArray("extra_links");
        if (v2) {
            o.putNull("execution_timeout");
            o.put("operator_name", "PythonOperator");
            o.putObject("params");
        } else {
            o.put("executor", "LocalExecutor");
            o.putNull("execution_timeout");
        }
        return o;
    }

    ObjectNode run(AirflowHistory.Run r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("dag_run_id", r.runId);
        o.put("dag_id", r.dagId);
        o.put("logical_date", time(r.queued));
        o.put("start_date", time(r.started));
        o.put("end_date", time(r.ended));
        o.put("data_interval_start", time(r.queued - 86_400_000L));
        o.put("data_interval_end", time(r.queued));
        o.put("last_scheduling_decision", time(r.updated));
        o.put("run_type", r.runType);
        o.put("state", r.state);
        ObjectNode conf = o.putObject("conf");
        conf.put("git_sha", r.sha);
        o.putNull("note");
        if (v2) {
            o.put("queued_at", time(r.queued));
            if (r.started != null && r.ended != null) {
                o.put("duration", (r.ended - r.started) / 1000.0);
            } else {
                o.putNull("duration");
            }
            o.put("run_after", time(r.queued));
            o.put("triggered_by", "timetable");
            o.putNull("triggering_user_name");
            ObjectNode version = o.putArray("dag_versions").addObject();
            version.put("id", "01a24b45-c64c-7082-b9b8-" + String.format("%012d", r.id % 3));
            version.put("version_number", 1);
            version.put("dag_id", r.dagId);
            version.put("bundle_name", "dags-folder");
            version.putNull("bundle_version");
            version.put("created_at", time(AirflowHistory.START));
            version.put("dag_display_name", r.dagId);
            version.putNull("bundle_url");
            o.putNull("bundle_version");
            o.put("dag_display_name", r.dagId);
            o.putNull("partition_key");
            o.putNull("partition_date");
        } else {
            o.put("execution_date", time(r.queued));
            o.put("external_trigger", false);
        }
        return o;
    }

    /** A try: the current one ({@code history} false) or an earlier one from {@code …/tries}. */
    ObjectNode instance(AirflowHistory.Run r, AirflowHistory.Instance ti, AirflowHistory.Try t, boolean history, int maxTries) {
        ObjectNode o = JSON.createObjectNode();
        if (v2 && !history) {
            o.put("id", String.format("01a24b46-%04x-7eb4-bb3b-%012x", t.number, (r.id * 1000 + ti.taskId.hashCode() % 997
                    + ti.mapIndex + 1) & 0xffffffffffffL));
        }
        o.put("task_id", ti.taskId);
        o.put("dag_id", r.dagId);
        o.put("dag_run_id", r.runId);
        o.put("map_index", ti.mapIndex);
        o.put("start_date", time(t.started));
        o.put("end_date", time(t.ended));
        if (t.started != null && t.ended != null) {
            o.put("duration", (t.ended - t.started) / 1000.0);
        } else {
            o.putNull("duration");
        }
        o.put("state", t.state);
        o.put("try_number", t.number);
        o.put("max_tries", maxTries);
        o.put("task_display_name", ti.taskId);
        o.put("hostname", "worker-" + (ti.taskId.length() % 3 + 1));
        o.put("unixname", "airflow");
        o.put("pool", "default_pool");
        o.put("pool_slots", 1);
        o.put("queue", "default");
        o.put("priority_weight", 1);
        o.put("operator", "PythonOperator");
        o.put("queued_when", time(t.queued));
        o.put("pid", 4242);
        o.put("executor", "LocalExecutor");
        o.put("executor_config", "{}");
        if (v2) {
            o.put("dag_display_name", r.dagId);
            o.put("operator_name", "PythonOperator");
            o.put("scheduled_when", time(t.scheduled));
            o.putNull("dag_version");
            if (!history) {
                o.put("logical_date", time(r.queued));
                o.put("run_after", time(r.queued));
                o.putNull("note");
                o.put("rendered_map_index", ti.mapIndex >= 0 ? Integer.toString(ti.mapIndex) : null);
                o.putObject("rendered_fields");
                o.putNull("trigger");
                o.putNull("triggerer_job");
            }
        } else if (!history) {
            o.put("execution_date", time(r.queued));
            o.putNull("sla_miss");
            o.put("rendered_map_index", ti.mapIndex >= 0 ? Integer.toString(ti.mapIndex) : null);
            o.putObject("rendered_fields");
            o.putNull("trigger");
            o.putNull("triggerer_job");
            o.putNull("note");
        }
        return o;
    }
}
