package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.demo.DemoService;
import dev.braid.sync.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache reset keeps what model governance recorded and no sync can give back: scan verdicts per
 * content hash and per model version, where each hash was found, the governance log (scans,
 * refused promotions, labels) and the serving targets; a carried label is not logged twice.
 */
class SecurityCarryOverTest {
    private static final String[] CARRIED = {
        "SELECT * FROM scan_results ORDER BY 1, 2",
        "SELECT * FROM scan_targets ORDER BY 1, 2, 3, 4",
        "SELECT * FROM version_scans ORDER BY 1, 2, 3",
        "SELECT * FROM governance_log ORDER BY id",
        "SELECT * FROM serving_targets ORDER BY 1, 2",
    };
    private static final String MODEL_DATASET = "dataset:postgres://crm.acme.internal:5432:crm.public.customers";

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void scanVerdictsOverridesAndTheGovernanceLogSurviveAReset() throws Exception {
        Path data = home.resolve("data");
        String dir = data.toString();
        Map<String, String> ada = Map.of("BRAID_USER", "ada");
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "demo"));
        CliRun scan = new CliRun(home, ada);
        assertEquals(0, scan.run("--data-dir", dir, "models", "scan", "--all"), scan.err());
        assertTrue(scan.out().contains("safe        demo-mlflow:churn-baseline-model/1  (2 files)"), scan.out());
        // A version whose files Braid could not find has nothing to vouch for.
        assertTrue(scan.out().contains("unknown     demo-mlflow:churn-classifier/1  (0 files)"), scan.out());
        CliRun refused = new CliRun(home, ada);
        assertEquals(1, refused.run("--data-dir", dir, "models", "alias", "set", "churn-classifier/1", "champion"));
        assertTrue(refused.err().contains("needs an explicit override"), refused.err());
        assertEquals(0, new CliRun(home, ada).run("--data-dir", dir, "lineage", "label", MODEL_DATASET, "PII"));
        try (AppContext app = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            Source mlflow = app.sources().findByName(DemoService.MLFLOW_SOURCE_NAME).orElseThrow();
            app.security().environments().setServingTarget(mlflow.id(), "churn-classifier", "repo:demo-ml-project@main:requirements.txt");
        }
        List<String> before = snapshot(data.resolve("cache.db"));
        assertEquals(1, count(before, "LABEL_ADDED"), before.toString());
        assertEquals(1, count(before, "PROMOTION_REFUSED"), before.toString());
        CliRun auditBefore = new CliRun(home);
        assertEquals(0, auditBefore.run("--data-dir", dir, "audit", "--json"), auditBefore.err());

        CliRun reset = new CliRun(home);
        assertEquals(0, reset.run("--data-dir", dir, "cache", "reset", "--force"), reset.err());
        assertTrue(reset.out().contains("governance_log"), reset.out());
        CliRun sync = new CliRun(home);
        assertEquals(0, sync.run("--data-dir", dir, "sync"), sync.err());

        assertEquals(before, snapshot(data.resolve("cache.db")), "carried over as it was; the label is logged once");
        CliRun auditAfter = new CliRun(home);
        assertEquals(0, auditAfter.run("--data-dir", dir, "audit", "--json"), auditAfter.err());
        assertEquals(auditBefore.out(), auditAfter.out());
        // The gate still knows the verdict: the unknown version is refused without scanning again.
        CliRun refusedAgain = new CliRun(home, ada);
        assertEquals(1, refusedAgain.run("--data-dir", dir, "models", "alias", "set", "churn-classifier/1", "champion"));
        assertTrue(refusedAgain.err().contains("is unknown"), refusedAgain.err());
        // The lineage explorer's details panel shows the carried verdicts.
        try (AppContext app = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            var node = app.lineage().node(new dev.braid.lineage.NodeId("model-version:demo-mlflow:churn-baseline-model/1"))
                    .orElseThrow();
            List<dev.braid.lineage.NodeFacts.Fact> facts = app.security().lineageVerdicts().facts(node);
            assertEquals(2, facts.size(), facts.toString());
            assertTrue(facts.get(0).value().startsWith("safe · 2 files scanned"), facts.toString());
            assertEquals(new dev.braid.lineage.NodeFacts.Fact("Promotion", "allowed"), facts.get(1));
        }
        // Files already scanned are known by their hash: nothing is fetched again.
        CliRun again = new CliRun(home, ada);
        assertEquals(0, again.run("--data-dir", dir, "models", "scan", "churn-baseline-model/1", "--json"), again.err());
        assertTrue(again.out().contains("\"rating\":\"safe\""), again.out());
    }

    private static long count(List<String> rows, String word) {
        return rows.stream().filter(r -> r.contains(" " + word + " ")).count();
    }

    private static List<String> snapshot(Path cache) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement st = c.createStatement()) {
            for (String query : CARRIED) {
                int rows = 0;
                try (ResultSet rs = st.executeQuery(query)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(query).append(" |");
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(' ').append(rs.getString(i));
                        }
                        out.add(row.toString());
                        rows++;
                    }
                }
                assertNotEquals(0, rows, "the test has data in " + query);
            }
        }
        return out;
    }
}
