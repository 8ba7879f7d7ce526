package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.store.Database;
import dev.braid.sync.SourceStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid runs compare} and {@code braid runs tag} on a cache filled directly, in this JVM. */
class RunsCompareCommandTest {
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path home;

    @BeforeEach
    void fillTheCache() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String uri = "http://127.0.0.1:" + closedPort;
        try (Database db = Database.open(home.resolve("data/braid/cache.db"))) {
            SourceStore sources = new SourceStore(db, Clock.systemUTC());
            db.write(c -> {
                long source = sources.insert(c, "mlflow", "offline", Map.of("uri", uri)).id();
                update(c, "INSERT INTO experiments(source_id, experiment_id, name) VALUES (?, '1', 'fraud')", source);
                run(c, source, "aaaa1111", "trial-0", Map.of("lr", "0.1", "model", "xgb"), Map.of("loss", 0.5, "auc", 0.8),
                        Map.of("stage", "draft"));
                run(c, source, "bbbb2222", "trial-1", Map.of("lr", "0.05", "model", "xgb"), Map.of("loss", 0.4),
                        Map.of("stage", "draft"));
                update(c, "INSERT INTO experiments(source_id, experiment_id, name) VALUES (?, '2', 'churn')", source);
                run(c, source, "aaaa9999", "trial-1", Map.of("lr", "0.2", "model", "lgbm"), Map.of("loss", 0.7),
                        Map.of("stage", "final"));
                update(c, "UPDATE runs SET experiment_id = '2', start_time = 2000 WHERE run_id = 'aaaa9999'");
                return null;
            });
        }
    }

    @Test
    void textShowsEveryKeySideBySideAndMarksDifferences() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("runs", "compare", "aaaa1111", "bbbb2222"), cli.err());
        List<List<String>> rows = cli.out().lines().map(line -> Arrays.asList(line.strip().split("\\s+"))).toList();
        assertEquals(List.of("KIND", "KEY", "aaaa1111", "bbbb2222"), rows.get(0));
        assertEquals(List.of("run", "name", "trial-0", "trial-1"), rows.get(1));
        assertTrue(rows.contains(List.of("*", "param", "lr", "0.1", "0.05")), cli.out());
        assertTrue(rows.contains(List.of("param", "model", "xgb", "xgb")), cli.out());
        assertTrue(rows.contains(List.of("*", "metric", "auc", "0.8", "-")), cli.out());
        assertTrue(rows.contains(List.of("tag", "stage", "draft", "draft")), cli.out());
    }

    @Test
    void jsonHasOneLinePerKindAndKey() throws Exception {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("runs", "compare", "bbbb2222", "aaaa1111", "--json"), cli.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : cli.out().lines().toList()) {
            lines.add(json.readTree(line));
        }
        assertEquals(List.of("param:lr", "param:model", "metric:auc", "metric:loss", "tag:stage"),
                lines.stream().map(l -> l.get("kind").asText() + ":" + l.get("key").asText()).toList());
        assertEquals(json.readTree("{\"kind\":\"param\",\"key\":\"lr\",\"values\":{\"bbbb2222\":\"0.05\","
                + "\"aaaa1111\":\"0.1\"},\"differs\":true}"), lines.get(0));
        assertEquals(json.readTree("{\"kind\":\"metric\",\"key\":\"auc\",\"values\":{\"bbbb2222\":null,"
                + "\"aaaa1111\":0.8},\"differs\":true}"), lines.get(2));
        assertEquals(false, lines.get(4).get("differs").asBoolean());
    }

    @Test
    void fewerThanTwoOrUnknownRunsAreUsageErrors() {
        CliRun one = new CliRun(home);
        assertEquals(2, one.run("runs", "compare", "aaaa1111"));
        CliRun unknown = new CliRun(home);
        assertEquals(2, unknown.run("runs", "compare", "aaaa1111", "cccc3333"));
        assertTrue(unknown.err().contains("no cached run has the id, id prefix or name cccc3333"), unknown.err());
    }

    @Test
    void runsAreNamedByIdPrefixOrRunNameAndAnAmbiguousOneListsTheCandidates() {
        CliRun prefixes = new CliRun(home);
        assertEquals(0, prefixes.run("runs", "compare", "aaaa1", "bbbb"), prefixes.err());
        assertTrue(prefixes.out().lines().findFirst().orElse("").matches("\\s*KIND\\s+KEY\\s+aaaa1111\\s+bbbb2222"), prefixes.out());

        CliRun ambiguous = new CliRun(home);
        assertEquals(2, ambiguous.run("runs", "compare", "trial-0", "trial-1"));
        assertTrue(ambiguous.err().contains("trial-1 names 2 runs; give more of the id, or --experiment NAME"), ambiguous.err());
        assertTrue(ambiguous.err().contains("aaaa9999  trial-1  (churn, offline)"), ambiguous.err());
        assertTrue(ambiguous.err().contains("bbbb2222  trial-1  (fraud, offline)"), ambiguous.err());

        CliRun byName = new CliRun(home);
        assertEquals(0, byName.run("runs", "compare", "trial-0", "trial-1", "--experiment", "fraud"), byName.err());
        assertTrue(byName.out().contains("bbbb2222"), byName.out());

        CliRun shortPrefix = new CliRun(home);
        assertEquals(2, shortPrefix.run("runs", "compare", "aaaa", "bbbb"));
        assertTrue(shortPrefix.err().contains("aaaa names 2 runs"), shortPrefix.err());
    }

    @Test
    void runsListShowsTheKeysItWasAskedAboutAndRefusesAnUnknownExperiment() {
        CliRun list = new CliRun(home);
        assertEquals(0, list.run("runs", "list", "--order-by", "metrics.loss ASC", "--filter", "params.model = 'xgb'",
                "--columns", "stage,attributes.user_id"), list.err());
        List<List<String>> rows = list.out().lines().map(line -> Arrays.asList(line.strip().split("\\s+"))).toList();
        assertEquals(List.of("RUN", "EXPERIMENT", "NAME", "STATUS", "STARTED", "metrics.loss", "params.model", "tags.stage",
                "attributes.user_id"), rows.get(0));
        assertEquals("bbbb2222", rows.get(1).get(0));
        assertEquals(List.of("0.4", "xgb", "draft", "-"), rows.get(1).subList(rows.get(1).size() - 4, rows.get(1).size()));

        CliRun unknown = new CliRun(home);
        assertEquals(2, unknown.run("runs", "list", "--experiment", "frod"));
        assertTrue(unknown.err().contains("unknown experiment: frod (did you mean fraud?)"), unknown.err());

        CliRun badColumn = new CliRun(home);
        assertEquals(2, badColumn.run("runs", "list", "--columns", "los"));
        assertTrue(badColumn.err().contains("no cached run has a metric, param or tag called los (did you mean metrics.loss"),
                badColumn.err());
    }

    @Test
    void tagIsAppliedAndQueuedWhenTheServerCannotBeReached() throws Exception {
        CliRun tag = new CliRun(home);
        assertEquals(0, tag.run("runs", "tag", "aaaa1111", "stage", "review"), tag.err());
        assertTrue(tag.out().startsWith("queued: cannot reach MLflow at http://127.0.0.1:"), tag.out());
        CliRun list = new CliRun(home);
        assertEquals(0, list.run("runs", "list", "--json", "--filter", "attributes.run_id = 'aaaa1111'"));
        assertEquals("review", json.readTree(list.out().strip()).get("tags").get("stage").asText());
        CliRun unknown = new CliRun(home);
        assertEquals(2, unknown.run("runs", "tag", "nope", "stage", "x"));
    }

    private static void run(Connection c, long source, String runId, String name, Map<String, String> params,
                            Map<String, Double> metrics, Map<String, String> tags) throws SQLException {
        update(c, "INSERT INTO runs(source_id, run_id, experiment_id, run_name, status, start_time, synced_at)"
                + " VALUES (?, ?, '1', ?, 'FINISHED', 1000, 0)", source, runId, name);
        for (Map.Entry<String, String> p : params.entrySet()) {
            update(c, "INSERT INTO run_params(run_pk, key, value) SELECT run_pk, ?, ? FROM runs WHERE run_id = ?",
                    p.getKey(), p.getValue(), runId);
        }
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            update(c, "INSERT INTO run_metrics(run_pk, key, value, timestamp, step) SELECT run_pk, ?, ?, 0, 0 FROM runs"
                    + " WHERE run_id = ?", m.getKey(), m.getValue(), runId);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            update(c, "INSERT INTO run_tags(run_pk, key, value) SELECT run_pk, ?, ? FROM runs WHERE run_id = ?",
                    t.getKey(), t.getValue(), runId);
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }
}
