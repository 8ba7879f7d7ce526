package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.experiments.MetricPoint;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.testing.WandbOfflineRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid wandb add PATH [--name NAME]} on real offline runs, then the runs commands on them. */
class WandbCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void addedRunsAreListedLikeMlflowRunsWithConfigAsParamsAndSummaryAsMetrics() throws Exception {
        WandbOfflineRuns runs = WandbOfflineRuns.shared();
        CliRun add = new CliRun(home);
        assertEquals(0, add.run("wandb", "add", runs.project().toString(), "--name", "team-wb"), add.err());
        assertTrue(add.out().contains("team-wb: succeeded: 2 added"), add.out());

        List<JsonNode> listed = jsonLines("runs", "list", "--source", "team-wb", "--json");
        assertEquals(2, listed.size());
        for (JsonNode run : listed) {
            JsonNode client = runs.clientSummary(run.get("run_id").asText());
            assertEquals("wandb", run.get("source_kind").asText());
            assertEquals("team-wb", run.get("source").asText());
            assertEquals("churn", run.get("experiment_name").asText());
            assertEquals(client.get("name").asText(), run.get("run_name").asText());
            client.get("summary").fieldNames().forEachRemaining(key -> {
                if (!key.startsWith("_")) {
                    assertEquals(client.get("summary").get(key).asDouble(), run.get("metrics").get(key).asDouble(), 0.0, key);
                }
            });
            assertEquals(client.get("config").get("lr").asText(), run.get("params").get("lr").asText());
            assertEquals(runs.commit(), run.get("tags").get("mlflow.source.git.commit").asText());
        }
        JsonNode baseline = listed.stream().filter(r -> r.get("run_name").asText().equals("baseline")).findFirst().orElseThrow();
        assertEquals("FINISHED", baseline.get("status").asText());
        assertEquals("first try", baseline.get("tags").get("mlflow.note.content").asText());
        assertEquals("baseline, cpu", baseline.get("tags").get("wandb.tags").asText());
        assertEquals("64", baseline.get("params").get("layers.hidden").asText());

        List<JsonNode> filtered = jsonLines("runs", "list", "--source", "team-wb", "--json",
                "--filter", "metrics.loss < 0.1 and params.optimizer = 'adam' and tags.wandb.tags LIKE '%cpu%'");
        assertEquals(List.of("baseline"), filtered.stream().map(r -> r.get("run_name").asText()).toList());

        try (AppContext app = AppContext.open(DataDirectories.resolve(null, Map.of("HOME", home.toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString())),
                Clock.systemUTC())) {
            List<RunSummary> cached = app.experiments().runs(new RunQuery("team-wb", List.of(), null, null, 0));
            assertEquals(2, cached.size());
            RunSummary run = cached.stream().filter(r -> "baseline".equals(r.runName())).findFirst().orElseThrow();
            List<MetricPoint> loss = app.experiments().metricHistory(run.runPk(), "loss");
            assertEquals(WandbOfflineRuns.STEPS, loss.size());
            assertEquals(1.0, loss.get(0).value());
            assertEquals(WandbOfflineRuns.STEPS - 1, loss.get(loss.size() - 1).step());
        }
    }

    @Test
    void resyncReadsOnlyChangedFoldersDropsRemovedRunsAndKeepsTheCacheWhenTheFolderIsGone() throws Exception {
        WandbOfflineRuns runs = WandbOfflineRuns.shared();
        Path copy = home.resolve("copy");
        copyTree(runs.project().resolve("wandb"), copy);
        CliRun add = new CliRun(home);
        assertEquals(0, add.run("wandb", "add", copy.toString()), add.err());
        assertTrue(add.out().contains("copy: succeeded: 2 added"), add.out());

        CliRun again = new CliRun(home);
        assertEquals(0, again.run("sync"), again.err());
        assertTrue(again.out().contains("0 added, 0 changed, 0 removed"), again.out());

        Path wider = Files.list(copy).filter(p -> p.getFileName().toString().endsWith(
                idOf(runs, "wider"))).findFirst().orElseThrow();
        deleteTree(wider);
        CliRun afterDelete = new CliRun(home);
        assertEquals(0, afterDelete.run("sync"), afterDelete.err());
        assertTrue(afterDelete.out().contains("0 added, 0 changed, 1 removed"), afterDelete.out());

        deleteTree(copy);
        CliRun gone = new CliRun(home);
        assertEquals(1, gone.run("sync"));
        List<JsonNode> still = jsonLines("runs", "list", "--source", "copy", "--json");
        assertEquals(List.of("baseline"), still.stream().map(r -> r.get("run_name").asText()).toList());
    }

    @Test
    void aDamagedLogIsSkippedWithAWarningAndTheOthersAreRead() throws Exception {
        WandbOfflineRuns runs = WandbOfflineRuns.shared();
        Path copy = home.resolve("damaged");
        copyTree(runs.project().resolve("wandb"), copy);
        Path folder = Files.list(copy).filter(p -> p.getFileName().toString().endsWith(idOf(runs, "wider")))
                .findFirst().orElseThrow();
        Path log;
        try (Stream<Path> files = Files.list(folder)) {
            log = files.filter(p -> p.toString().endsWith(".wandb")).findFirst().orElseThrow();
        }
        Files.write(log, "not a log".getBytes());
        CliRun add = new CliRun(home);
        assertEquals(0, add.run("wandb", "add", copy.toString(), "--name", "damaged"), add.err());
        assertTrue(add.out().contains("damaged: succeeded: 1 added, 0 changed, 0 removed (1 warning"), add.out());
        CliRun status = new CliRun(home);
        assertEquals(0, status.run("status", "--json"));
        JsonNode source = JSON.readTree(status.out()).get(0);
        assertTrue(source.get("warnings").get(0).asText().contains("not a W&B transaction log"), status.out());
        assertEquals(1, jsonLines("runs", "list", "--source", "damaged", "--json").size());
    }

    @Test
    void lineageLeadsFromTheRunToItsCommitAndToTheArtifactItLogged() throws Exception {
        WandbOfflineRuns runs = WandbOfflineRuns.shared();
        CliRun repo = new CliRun(home);
        assertEquals(0, repo.run("repo", "add", runs.project().toString(), "--name", "churn"), repo.err());
        CliRun add = new CliRun(home);
        assertEquals(0, add.run("wandb", "add", runs.project().toString(), "--name", "team-wb"), add.err());
        String baseline = idOf(runs, "baseline");
        List<JsonNode> around = jsonLines("lineage", "show", "mlflow-run:team-wb:" + baseline, "--json", "--depth", "1");
        JsonNode commit = around.stream().filter(n -> n.get("kind").asText().equals("commit")).findFirst().orElseThrow();
        assertTrue(commit.get("id").asText().endsWith(":" + runs.commit()), commit.toString());
        assertEquals("upstream", commit.get("direction").asText());
        String digest = runs.clientRecords(baseline).stream().filter(r -> r.path("type").asText().equals("artifact"))
                .findFirst().orElseThrow().get("artifact").get("digest").asText();
        JsonNode artifact = around.stream().filter(n -> n.get("kind").asText().equals("dataset-version")).findFirst().orElseThrow();
        assertEquals("dataset-version:wandb://local/churn:training-data@" + digest, artifact.get("id").asText());
        assertEquals("downstream", artifact.get("direction").asText());
        List<JsonNode> wider = jsonLines("lineage", "show", "mlflow-run:team-wb:" + idOf(runs, "wider"), "--json", "--depth", "1");
        assertTrue(wider.stream().anyMatch(n -> n.get("kind").asText().equals("commit")), wider.toString());
        // The wider run logged a reference to data.csv by its location (file://): ADR 8 names that
        // dataset as every source names a local file, and the W&B version is downstream of it.
        JsonNode reference = wider.stream().filter(n -> n.get("kind").asText().equals("dataset-version")).findFirst()
                .orElseThrow();
        assertTrue(reference.get("id").asText().startsWith("dataset-version:wandb://local/churn:raw-data@"), wider.toString());
        String file = "dataset:file:" + runs.project().resolve("data.csv").toRealPath();
        List<JsonNode> fromFile = jsonLines("lineage", "show", file, "--json", "--depth", "1");
        assertTrue(fromFile.stream().anyMatch(n -> n.get("id").asText().equals(reference.get("id").asText())
                && n.get("direction").asText().equals("downstream")), fromFile.toString());
    }

    @Test
    void aPathThatIsNotAFolderIsAClearError() {
        CliRun add = new CliRun(home);
        assertEquals(1, add.run("wandb", "add", home.resolve("nowhere").toString()));
        assertTrue(add.err().contains("not a folder"), add.err());
    }

    private static String idOf(WandbOfflineRuns runs, String name) {
        return runs.folders().keySet().stream().filter(id -> runs.clientSummary(id).get("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private List<JsonNode> jsonLines(String... args) throws Exception {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run(args), cli.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : cli.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
