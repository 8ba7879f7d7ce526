package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's OpenLineage events carry the facets Airflow's OpenLineage provider adds
 * ({@code airflowDagRun}, {@code airflow}, {@code parent}, {@code processing_engine}), so each
 * DAG run of the demo's Airflow history and each task try that reported data are one node in
 * lineage, the OpenLineage run, with the DAG run containing its tries: no Airflow run is drawn
 * twice.
 */
class DemoAirflowLineageTest {
    @Test
    void everyDemoDagRunAndReportedTaskTryIsItsOpenLineageRun(@TempDir Path home) throws Exception {
        DataDirectories dirs = new DataDirectories(home.resolve("data"), home.resolve("config"));
        try (AppContext app = AppContext.open(dirs, Clock.systemUTC())) {
            new DemoService(app.repositories(), new DemoWorkspace(), null, null, app.openLineageImporter(), app.pipelines())
                    .open(home.resolve("demo"), TestContexts.quiet());
            assertOneNodeEach(app);

            Source airflow = app.sources().findByName(DemoAirflow.SOURCE_NAME).orElseThrow();
            SyncRun run = app.syncEngine().start(airflow, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
            assertOneNodeEach(app);
        }
    }

    private static void assertOneNodeEach(AppContext app) {
        List<PipelineRun> dagRuns = app.pipelines().runs(PipelineQuery.all().page(0, 1_000)).stream()
                .filter(r -> r.source().equals(DemoAirflow.SOURCE_NAME)).toList();
        assertTrue(dagRuns.size() >= 4, "DAG runs: " + dagRuns.size());
        assertEquals(List.of(), ids(app, "SELECT id FROM lineage_nodes WHERE id LIKE 'pipeline-run:" + DemoAirflow.SOURCE_NAME + ":%'"),
                "every DAG run is the OpenLineage run its events reported");
        assertEquals(List.of(), ids(app, "SELECT id FROM lineage_nodes WHERE id LIKE 'ci-job:" + DemoAirflow.SOURCE_NAME + ":%'"
                + " AND (id LIKE '%ingest_customers#%' OR id LIKE '%build_holdout#%')"), "every reported task try too");
        assertEquals(dagRuns.size(), ids(app, "SELECT id FROM lineage_nodes WHERE kind = 'job-run'"
                + " AND json_extract(properties, '$.airflowDagId') IS NOT NULL AND json_extract(properties, '$.airflowTaskId') IS NULL").size());

        // The failed ingest try and its retry are both inside the DAG run that retried them.
        List<String> tries = ids(app, "SELECT DISTINCT e.from_id || ' ' || n.status || ' ' || json_extract(n.properties, '$.airflowTry')"
                + " FROM lineage_nodes n JOIN lineage_edges e ON e.to_id = n.id AND e.kind = 'contains'"
                + " WHERE n.kind = 'job-run' AND json_extract(n.properties, '$.airflowTaskId') = 'ingest_customers'"
                + " AND e.from_id IN (SELECT e3.from_id FROM lineage_edges e3 JOIN lineage_nodes m ON m.id = e3.to_id"
                + " WHERE e3.kind = 'contains' AND json_extract(m.properties, '$.airflowTaskId') = 'ingest_customers'"
                + " GROUP BY e3.from_id HAVING COUNT(DISTINCT e3.to_id) = 2) ORDER BY 1");
        tries.sort(java.util.Comparator.comparing(t -> t.substring(t.lastIndexOf(' '))));
        assertEquals(2, tries.size(), tries.toString());
        assertTrue(tries.get(0).endsWith("FAILED 1") && tries.get(1).endsWith("COMPLETE 2"), tries.toString());
        assertTrue(tries.get(0).startsWith("job-run:"), "the DAG run is its OpenLineage run: " + tries);
    }

    private static List<String> ids(AppContext app, String sql) {
        return app.database().read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }
}
