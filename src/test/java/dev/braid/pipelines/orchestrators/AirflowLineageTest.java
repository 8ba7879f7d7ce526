package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.EventLimits;
import dev.braid.lineage.ImportReport;
import dev.braid.lineage.OpenLineageImporter;
import dev.braid.lineage.OpenLineageIngest;
import dev.braid.lineage.OpenLineageValidator;
import dev.braid.pipelines.AirflowLineageRefresh;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineLineage;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.sync.Source;
import dev.braid.testing.AirflowHarness;
import dev.braid.testing.SharedServices;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Airflow's API says and what its OpenLineage provider wrote (to a file, on the real Airflow)
 * are one graph: the DAG run and each task try are one node, the OpenLineage run, whichever Braid
 * read first.
 */
@ExtendWith(SharedServices.class)
class AirflowLineageTest {
    static AirflowHarness airflow;
    static String runId;
    @TempDir
    Path tmp;
    private OrchestratorFixture fx;
    private Source source;
    private OpenLineageImporter importer;

    @BeforeAll
    static void start(SharedServices.Registry services) throws Exception {
        airflow = services.get("airflow", AirflowHarness.class, AirflowHarness::start);
        runId = airflow.trainedRun(AirflowSyncTest.SHA);
    }

    @BeforeEach
    void add() throws Exception {
        fx = new OrchestratorFixture(tmp, Map.of("AF_PASSWORD", AirflowHarness.PASSWORD), Duration.ofSeconds(120));
        source = fx.service.addAirflow(airflow.url(), AirflowHarness.USER, "AF_PASSWORD", null, "airflow-test");
        AirflowLineageRefresh refresh = new AirflowLineageRefresh(fx.db, fx.sources, new PipelineLineage(fx.db, fx.lineage));
        importer = new OpenLineageImporter(new OpenLineageValidator(EventLimits.STANDARD),
                new OpenLineageIngest(fx.lineage, refresh::afterImport));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void eventsImportedAfterTheSyncMakeEachTaskRunOneNode() throws Exception {
        fx.sync(source);
        assertTrue(nodeIds("ci-job:airflow-test:%").size() >= 7, "before the events, Braid names the tries itself");

        ImportReport report = importer.importPaths(List.of(airflow.openLineageEvents()));

        assertTrue(report.problems().isEmpty(), report.problems().toString());
        assertOneNodePerTaskRun();
    }

    @Test
    void aSyncAfterTheEventsFindsTheirRuns() throws Exception {
        ImportReport report = importer.importPaths(List.of(airflow.openLineageEvents()));
        assertTrue(report.added() > 0);

        fx.sync(source);

        assertOneNodePerTaskRun();
    }

    private void assertOneNodePerTaskRun() throws Exception {
        PipelineRunDetail detail = fx.service.run(source.name(), "braid_train/" + runId).orElseThrow();
        List<PipelineJob> tries = detail.jobs();
        assertEquals(7, tries.size(), "six task instances, one of them tried twice");
        // The OpenLineage runs of this DAG run: the DAG run itself and one per task try.
        Set<String> reported = nodeIdsWhere("json_extract(properties, '$.airflowRunId') = ?", runId);
        assertEquals(1 + tries.size(), reported.size(), reported.toString());
        assertEquals(Set.of(), nodeIds("pipeline-run:airflow-test:%"), "no second node for the DAG run");
        assertEquals(Set.of(), nodeIds("ci-job:airflow-test:%"), "no second node for any task try");
        String dagRun = single(nodeIdsWhere("json_extract(properties, '$.airflowRunId') = ?"
                + " AND json_extract(properties, '$.airflowTaskId') IS NULL", runId));
        // What the API asserts (the run contains every try, the commit built it) lands on the same nodes
        // as what the events assert (each try's parent is the DAG run).
        Set<String> contained = targets(dagRun, "contains", "ci:airflow-test");
        Set<String> parented = targets(dagRun, "parent", "openlineage");
        assertEquals(tries.size(), contained.size(), contained.toString());
        assertEquals(contained, parented);
        for (PipelineJob job : tries) {
            String[] task = job.name().endsWith("]") ? job.name().substring(0, job.name().length() - 1).split("\\[")
                    : new String[] {job.name(), null};
            Set<String> node = nodeIdsWhere("json_extract(properties, '$.airflowRunId') = ? AND json_extract(properties,"
                    + " '$.airflowTaskId') = ? AND json_extract(properties, '$.airflowTry') = ? AND"
                    + " json_extract(properties, '$.airflowMapIndex') IS ?", runId, task[0], Integer.toString(job.attempt()), task[1]);
            assertEquals(1, node.size(), job + " → " + node);
            assertTrue(contained.contains(single(node)), job.name());
        }
        assertTrue(sources(dagRun, "built-from").stream().anyMatch(c -> c.endsWith(":" + AirflowSyncTest.SHA)),
                "the commit the trigger named built the DAG run");
    }

    private Set<String> nodeIds(String like) {
        return nodeIdsWhere("id LIKE ?", like);
    }

    private Set<String> nodeIdsWhere(String where, Object... args) {
        return fx.db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM lineage_nodes WHERE " + where)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                Set<String> out = new TreeSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private Set<String> targets(String from, String kind, String by) {
        return fx.db.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT to_id FROM lineage_edges WHERE from_id = ? AND kind = ? AND asserted_by = ?")) {
                st.setString(1, from);
                st.setString(2, kind);
                st.setString(3, by);
                Set<String> out = new TreeSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private List<String> sources(String to, String kind) {
        return fx.db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT from_id FROM lineage_edges WHERE to_id = ? AND kind = ?")) {
                st.setString(1, to);
                st.setString(2, kind);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private static String single(Set<String> ids) {
        assertEquals(1, ids.size(), ids.toString());
        return ids.iterator().next();
    }
}
