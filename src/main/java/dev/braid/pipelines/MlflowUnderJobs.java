package dev.braid.pipelines;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Places MLflow runs under the pipeline job that started them (ADR 8, "Pipeline runs"), by the tags
 * the job's environment gave the training code to log: a CI job's id ({@code CI_JOB_ID},
 * {@code CIRCLE_BUILD_NUM}) or run ({@code GITHUB_RUN_ID}); Airflow's task context
 * ({@code AIRFLOW_CTX_DAG_ID}, {@code AIRFLOW_CTX_DAG_RUN_ID}, {@code AIRFLOW_CTX_TASK_ID} and
 * {@code AIRFLOW_CTX_TRY_NUMBER}, as Airflow exports them to a task's environment); a Kubeflow
 * task's pod ({@code KFP_POD_NAME}) or run ({@code KFP_RUN_ID}). Failing those, an MLflow run whose
 * commit ({@code mlflow.source.git.commit}) is a run's and which started while one of its jobs ran
 * goes under that job, marked {@code inferred}; a run that carries any of those tags is never
 * inferred, since its tags already name the job that started it.
 */
final class MlflowUnderJobs {
    /** Every tag read, including those shown only ({@code CI_PIPELINE_ID}, {@code BUILD_NUMBER}…). */
    static final List<String> TAGS = List.of("CI_JOB_ID", "CI_PIPELINE_ID", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT",
            "BUILD_NUMBER", "CIRCLE_WORKFLOW_JOB_ID", "CIRCLE_BUILD_NUM", "AIRFLOW_CTX_DAG_ID", "AIRFLOW_CTX_DAG_RUN_ID",
            "AIRFLOW_CTX_TASK_ID", "AIRFLOW_CTX_TRY_NUMBER", "KFP_RUN_ID", "KFP_POD_NAME");
    private static final List<String> MATCHED = List.of("CI_JOB_ID", "GITHUB_RUN_ID", "CIRCLE_BUILD_NUM", "AIRFLOW_CTX_DAG_ID",
            "AIRFLOW_CTX_DAG_RUN_ID", "AIRFLOW_CTX_TASK_ID", "AIRFLOW_CTX_TRY_NUMBER", "KFP_RUN_ID", "KFP_POD_NAME");
    private final String kind;
    private final Map<String, NodeId> byTag = new HashMap<>();
    private final Map<String, List<Window>> windowsBySha = new HashMap<>();

    private record Window(NodeId job, long start, long end) {
    }

    MlflowUnderJobs(String kind) {
        this.kind = kind;
    }

    void run(String runId, NodeId node) {
        if (kind.equals("kubeflow")) {
            byTag.put("kfp-run:" + runId, node);
        }
    }

    /** A job (try {@code attempt}; {@code latest} when no later try replaced it) of run {@code runId}. */
    void job(String runId, String jobId, String name, int attempt, boolean latest, NodeId node) {
        switch (kind) {
            case "airflow" -> {
                byTag.put("af:" + runId + "/" + name + "#" + attempt, node);
                if (latest) {
                    byTag.put("af:" + runId + "/" + name, node);
                    int bracket = name.indexOf('[');
                    if (bracket > 0) {
                        byTag.putIfAbsent("af:" + runId + "/" + name.substring(0, bracket), node);
                    }
                }
            }
            case "kubeflow" -> byTag.put("kfp-pod:" + jobId, node);
            default -> {
                if (latest) {
                    byTag.put(jobId, node);
                    byTag.putIfAbsent("run:" + runId, node);
                }
            }
        }
    }

    void window(String sha, NodeId job, long start, long end) {
        windowsBySha.computeIfAbsent(sha.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(new Window(job, start, end));
    }

    /** Adds an edge from its job to each MLflow run the tags or the commit and time place. */
    void derive(Connection c, String by, GraphChanges.Builder out) throws SQLException {
        if (byTag.isEmpty() && windowsBySha.isEmpty() || !tableExists(c, "runs")) {
            return;
        }
        StringBuilder tags = new StringBuilder();
        for (String tag : MATCHED) {
            tags.append(", (SELECT value FROM run_tags t WHERE t.run_pk = r.run_pk AND t.key = '").append(tag).append("')");
        }
        try (PreparedStatement st = c.prepareStatement("SELECT s.name, r.run_id, r.start_time, r.source_commit" + tags
                + " FROM runs r JOIN sources s ON s.id = r.source_id WHERE r.lifecycle_stage = 'active'");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Map<String, String> tag = new HashMap<>();
                for (int i = 0; i < MATCHED.size(); i++) {
                    String value = rs.getString(5 + i);
                    if (value != null) {
                        tag.put(MATCHED.get(i), value.strip());
                    }
                }
                NodeId mlflow = LineageIds.mlflowRun(rs.getString(1), rs.getString(2));
                Instant at = rs.getObject(3) == null ? Instant.EPOCH : Instant.ofEpochMilli(rs.getLong(3));
                NodeId job = byTags(tag);
                if (job != null) {
                    out.node(mlflow, "");
                    out.node(job, "");
                    out.edge(job, mlflow, EdgeKind.PARENT, by, at, Map.of("by", "tags"));
                    continue;
                }
                if (!tag.isEmpty()) {
                    // The run names the job that started it, in another source or one Braid does not
                    // sync: a job of this source that merely ran at the same time did not start it.
                    continue;
                }
                String sha = rs.getString(4);
                if (sha == null || rs.getObject(3) == null) {
                    continue;
                }
                long start = rs.getLong(3);
                for (Window w : windowsBySha.getOrDefault(sha.toLowerCase(Locale.ROOT), List.of())) {
                    if (start >= w.start() && start <= w.end()) {
                        out.node(mlflow, "");
                        out.node(w.job(), "");
                        out.edge(w.job(), mlflow, EdgeKind.PARENT, by, at, Map.of("by", "commit and time", "inferred", "true"));
                        break;
                    }
                }
            }
        }
    }

    private NodeId byTags(Map<String, String> tag) {
        switch (kind) {
            case "airflow" -> {
                String dag = tag.get("AIRFLOW_CTX_DAG_ID");
                String run = tag.get("AIRFLOW_CTX_DAG_RUN_ID");
                String task = tag.get("AIRFLOW_CTX_TASK_ID");
                if (dag == null || run == null || task == null) {
                    return null;
                }
                String key = "af:" + dag + "/" + run + "/" + task;
                String attempt = tag.get("AIRFLOW_CTX_TRY_NUMBER");
                NodeId exact = attempt == null ? null : byTag.get(key + "#" + attempt);
                return exact != null ? exact : byTag.get(key);
            }
            case "kubeflow" -> {
                NodeId pod = tag.get("KFP_POD_NAME") == null ? null : byTag.get("kfp-pod:" + tag.get("KFP_POD_NAME"));
                return pod != null || tag.get("KFP_RUN_ID") == null ? pod : byTag.get("kfp-run:" + tag.get("KFP_RUN_ID"));
            }
            case "github" -> {
                return tag.get("GITHUB_RUN_ID") == null ? null : byTag.get("run:" + tag.get("GITHUB_RUN_ID"));
            }
            default -> {
                NodeId job = tag.get("CI_JOB_ID") == null ? null : byTag.get(tag.get("CI_JOB_ID"));
                if (job == null && kind.equals("circleci") && tag.get("CIRCLE_BUILD_NUM") != null) {
                    job = byTag.get(tag.get("CIRCLE_BUILD_NUM"));
                }
                return job;
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
