package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.demo.DemoService;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.sync.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache reset keeps everything no sync can fetch again: the demo is reset, synced, and its
 * lineage export is the same as before, with the labels, stars, pending edits, audit log and
 * received events the user had.
 */
class CacheResetCarryOverTest {
    private static final String[] CARRIED = {
        "SELECT id, kind, name, config, created_at FROM sources ORDER BY id",
        "SELECT source_id, experiment_id, starred FROM experiments WHERE starred = 1 ORDER BY 1, 2",
        "SELECT * FROM run_stars ORDER BY 1, 2",
        "SELECT * FROM outbox ORDER BY id",
        "SELECT * FROM audit_log ORDER BY id",
        "SELECT * FROM lineage_events ORDER BY id",
        "SELECT * FROM lineage_labels ORDER BY 1, 2",
        "SELECT * FROM source_pipelines ORDER BY 1, 2",
    };

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void resettingTheDemoThenSyncingGivesBackTheSameLineageAndKeepsTheUsersOwnData() throws Exception {
        Path data = home.resolve("data");
        String dir = data.toString();
        CliRun demo = new CliRun(home);
        assertEquals(0, demo.run("--data-dir", dir, "demo"), demo.err());
        Path extra = Files.writeString(home.resolve("received.jsonl"), receivedEvent() + "\n");
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "import", extra.toString()));
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "label",
                "dataset:s3://reset-test:raw/customers.csv", "PII"));
        userEdits(data);

        CliRun status = new CliRun(home);
        assertEquals(0, status.run("--data-dir", dir, "status", "--json"), status.err());
        int demoSources = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).size();
        CliRun before = new CliRun(home);
        assertEquals(0, before.run("--data-dir", dir, "lineage", "export", "--format", "json"), before.err());
        List<String> carriedBefore = snapshot(data.resolve("cache.db"));

        CliRun reset = new CliRun(home);
        assertEquals(0, reset.run("--data-dir", dir, "cache", "reset", "--force"), reset.err());
        assertTrue(reset.out().contains("The new cache has " + demoSources + " source(s)"), reset.out());
        assertEquals("", reset.err());
        CliRun emptyExport = new CliRun(home);
        assertEquals(0, emptyExport.run("--data-dir", dir, "runs", "list", "--json"));
        assertEquals("", emptyExport.out(), "runs come back by syncing, not by copying");

        CliRun sync = new CliRun(home);
        assertEquals(0, sync.run("--data-dir", dir, "sync"), sync.err());
        CliRun after = new CliRun(home);
        assertEquals(0, after.run("--data-dir", dir, "lineage", "export", "--format", "json"), after.err());

        assertTrue(before.out().contains("reset-test"), "the received event is in the graph");
        assertEquals(before.out(), after.out());
        assertEquals(carriedBefore, snapshot(data.resolve("cache.db")));
        CliRun labels = new CliRun(home);
        assertEquals(0, labels.run("--data-dir", dir, "lineage", "label", "dataset:s3://reset-test:raw/customers.csv"));
        assertTrue(labels.out().startsWith("PII  (own)"), labels.out());
        try (var files = Files.list(data)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("cache.db.broken-")), "the old cache is kept");
        }
    }

    @Test
    void aTableTheOldCacheCannotGiveIsReportedAndTheRestStillCarriedOver() throws Exception {
        Path data = home.resolve("data");
        String dir = data.toString();
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "import",
                Files.writeString(home.resolve("e.jsonl"), receivedEvent() + "\n").toString()));
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "label",
                "dataset:s3://reset-test:raw/customers.csv", "PII"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("cache.db"));
             Statement st = c.createStatement()) {
            // An older or damaged cache may simply lack a table.
            st.execute("DROP TABLE run_stars");
        }

        CliRun reset = new CliRun(home);
        assertEquals(0, reset.run("--data-dir", dir, "cache", "reset", "--force"), reset.err());
        assertTrue(reset.out().contains("lineage_events 1"), reset.out());
        assertTrue(reset.out().contains("lineage_labels 1"), reset.out());
        CliRun labels = new CliRun(home);
        assertEquals(0, labels.run("--data-dir", dir, "lineage", "label", "dataset:s3://reset-test:raw/customers.csv"));
        assertTrue(labels.out().startsWith("PII"), labels.out());
    }

    /** A star on a run and an experiment, and a pending write-back with its audit line. */
    private static void userEdits(Path data) throws Exception {
        try (AppContext app = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            Source mlflow = app.sources().findByName(DemoService.MLFLOW_SOURCE_NAME).orElseThrow();
            List<RunSummary> runs = app.experiments().runs(new RunQuery(mlflow.name(), List.of(), null, null, 2));
            app.experiments().setRunStarred(mlflow.id(), runs.get(0).runId(), true);
            app.experiments().setExperimentStarred(new dev.braid.experiments.ExperimentKey(mlflow.id(),
                    runs.get(0).experimentId()), true);
            app.database().write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO outbox(source_id, action, target, payload, old_value, new_value, created_at)"
                            + " VALUES (" + mlflow.id() + ", 'SET_TAG', 'run " + runs.get(1).runId() + " tag team',"
                            + " '{}', NULL, 'ml', 1700000000000)");
                    st.execute("INSERT INTO audit_log(source_id, action, target, old_value, new_value, at, outcome, detail)"
                            + " VALUES (" + mlflow.id() + ", 'SET_TAG', 'run " + runs.get(1).runId() + " tag team',"
                            + " NULL, 'ml', 1700000000000, 'PENDING', 'outbox #1')");
                }
                return null;
            });
        }
    }

    /** Every carried-over row, as text, table by table. */
    private static List<String> snapshot(Path cache) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement st = c.createStatement()) {
            for (String query : CARRIED) {
                try (ResultSet rs = st.executeQuery(query)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int rows = 0;
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(query).append(" |");
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(' ').append(rs.getString(i));
                        }
                        out.add(row.toString());
                        rows++;
                    }
                    assertNotEquals(0, rows, "the test has data in " + query);
                }
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static String receivedEvent() {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-01-05T10:00:00Z\",\"producer\":\"https://example.com/reset-test\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"01900000-0000-7000-8000-000000000001\"},"
                + "\"job\":{\"namespace\":\"reset-test\",\"name\":\"ingest\"},"
                + "\"inputs\":[{\"namespace\":\"s3://reset-test\",\"name\":\"raw/customers.csv\"}],"
                + "\"outputs\":[{\"namespace\":\"s3://reset-test\",\"name\":\"clean/customers.parquet\"}]}";
    }
}
