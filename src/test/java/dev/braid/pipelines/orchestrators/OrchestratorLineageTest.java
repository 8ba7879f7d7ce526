package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.NodeId;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineLineage;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.KubeflowReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.sync.Source;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestrator runs in lineage: commit → run → every try of every task, and the MLflow runs a task
 * started, found by the tags Airflow and Kubeflow give a task's environment, else by commit and
 * time (inferred).
 */
class OrchestratorLineageTest {
    @TempDir
    Path tmp;
    private OrchestratorFixture fx;
    private ReplayServer airflowServer;
    private ReplayServer kubeflowServer;
    private AirflowHistory airflow;
    private KubeflowReplay kubeflow;
    private long mlflowSource;

    @BeforeEach
    void start() throws Exception {
        fx = new OrchestratorFixture(tmp, Map.of("AF_PW", "pw"), Duration.ofSeconds(5));
        airflow = AirflowHistory.generate(10, 8, 3);
        airflowServer = ReplayServer.start(new AirflowReplay(airflow, true, "pw"));
        kubeflow = new KubeflowReplay(6, 3, null);
        kubeflowServer = ReplayServer.start(kubeflow);
        mlflowSource = fx.db.write(c -> fx.sources.insert(c, "mlflow", "local", Map.of("url", "http://127.0.0.1:1"))).id();
    }

    @AfterEach
    void stop() {
        airflowServer.close();
        kubeflowServer.close();
        fx.close();
    }

    @Test
    void anAirflowTaskTryOwnsTheMlflowRunItsContextTagsNameAndACommitAndTimeMatchIsInferred() throws Exception {
        AirflowHistory.Run flaky = airflow.runs().stream().filter(r -> r.state.equals("success")
                && r.instances.stream().anyMatch(i -> i.tries.size() > 1)).findFirst().orElseThrow();
        AirflowHistory.Try firstTry = flaky.instances.stream().filter(i -> i.taskId.equals("t01")).findFirst().orElseThrow()
                .tries.get(0);
        // publish starts after every other task has ended: a time in its run is in no other task's.
        AirflowHistory.Try publish = flaky.instances.get(flaky.instances.size() - 1).latest();
        mlflowRun("tagged", firstTry.started + 100, null, Map.of("AIRFLOW_CTX_DAG_ID", flaky.dagId,
                "AIRFLOW_CTX_DAG_RUN_ID", flaky.runId, "AIRFLOW_CTX_TASK_ID", "t01", "AIRFLOW_CTX_TRY_NUMBER", "1"));
        mlflowRun("by-commit", publish.started + 10, flaky.sha, Map.of());
        mlflowRun("elsewhere", publish.started + 10, "0".repeat(40), Map.of());
        Source source = fx.service.addAirflow(airflowServer.url(), AirflowReplay.USER, "AF_PW", null, "af");

        fx.sync(source);

        String runId = flaky.dagId + "/" + flaky.runId;
        NodeId run = PipelineLineage.run("af", runId);
        assertEquals(List.of(LineageIds.commitInUnknownRepository(flaky.sha).value()), from(run.value(), "built-from"));
        PipelineRunDetail detail = fx.service.run("af", runId).orElseThrow();
        assertEquals(detail.jobs().size(), to(run.value(), "contains").size(), "every try of every task, retried ones too");
        NodeId tried = PipelineLineage.job("af", runId, "t01#1");
        assertEquals(List.of(LineageIds.mlflowRun("local", "tagged").value() + " by=tags"), children(tried.value()));
        PipelineJob last = detail.jobs().stream().filter(j -> j.name().equals("publish")).findFirst().orElseThrow();
        assertEquals(List.of(LineageIds.mlflowRun("local", "by-commit").value() + " by=commit and time inferred=true"),
                children(PipelineLineage.job("af", runId, last.id()).value()));
        assertTrue(to(LineageIds.mlflowRun("local", "elsewhere").value(), "parent", true).isEmpty());
    }

    @Test
    void aKubeflowTaskOwnsTheMlflowRunNamingItsPodAndARunTheOneNamingOnlyTheRun() throws Exception {
        ObjectNode retried = kubeflow.runs().get(1);
        String runId = retried.get("run_id").asText();
        Source source = fx.service.addKubeflow(kubeflowServer.url(), null, "kfp");
        fx.sync(source);
        PipelineJob evaluate = fx.service.run("kfp", runId).orElseThrow().jobs().stream()
                .filter(j -> j.name().equals("evaluate")).findFirst().orElseThrow();
        mlflowRun("pod-tagged", 0L, null, Map.of("KFP_RUN_ID", runId, "KFP_POD_NAME", evaluate.id()));
        mlflowRun("run-tagged", 0L, null, Map.of("KFP_RUN_ID", runId));

        fx.sync(source);

        assertEquals(List.of(LineageIds.mlflowRun("local", "pod-tagged").value() + " by=tags"),
                children(PipelineLineage.job("kfp", runId, evaluate.id()).value()));
        assertEquals(List.of(LineageIds.mlflowRun("local", "run-tagged").value() + " by=tags"),
                children(PipelineLineage.run("kfp", runId).value()));
    }

    private void mlflowRun(String id, Long start, String commit, Map<String, String> tags) {
        fx.db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO runs(source_id, run_id, experiment_id, status, start_time,"
                    + " source_commit, synced_at) VALUES (?, ?, '1', 'FINISHED', ?, ?, 0)")) {
                st.setLong(1, mlflowSource);
                st.setString(2, id);
                st.setLong(3, start);
                st.setString(4, commit);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO run_tags(run_pk, key, value)"
                    + " SELECT run_pk, ?, ? FROM runs WHERE source_id = ? AND run_id = ?")) {
                for (Map.Entry<String, String> tag : tags.entrySet()) {
                    st.setString(1, tag.getKey());
                    st.setString(2, tag.getValue());
                    st.setLong(3, mlflowSource);
                    st.setString(4, id);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /** MLflow runs under {@code node}, with the edge's properties. */
    private List<String> children(String node) {
        return fx.db.read(c -> query(c, "SELECT to_id || ' ' || (SELECT group_concat(key || '=' || value, ' ') FROM"
                + " (SELECT key, value FROM json_each(properties) ORDER BY key)) FROM lineage_edges WHERE from_id = ?"
                + " AND kind = 'parent' ORDER BY to_id", node));
    }

    private List<String> from(String to, String kind) {
        return fx.db.read(c -> query(c, "SELECT from_id FROM lineage_edges WHERE to_id = ? AND kind = '" + kind + "'", to));
    }

    private List<String> to(String from, String kind) {
        return fx.db.read(c -> query(c, "SELECT to_id FROM lineage_edges WHERE from_id = ? AND kind = '" + kind + "'", from));
    }

    private List<String> to(String node, String kind, boolean upstream) {
        return fx.db.read(c -> query(c, "SELECT from_id FROM lineage_edges WHERE to_id = ? AND kind = '" + kind + "'", node));
    }

    private static List<String> query(Connection c, String sql, String arg) throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
