package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.testing.PythonEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Which version was champion then?" on local stores the real MLflow writes: the alias moves
 * between two syncs and Braid answers for every moment, dating the move by the registry's own
 * stamp where MLflow keeps one (a file store stamps the model when an alias is set) and by the
 * sync that saw it otherwise (a SQL store keeps no time for an alias).
 */
class AliasHistoryTest {
    private static final Path SCRIPT = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/experiments/seed_any_mlflow.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "file"})
    void theChampionAsOfAnyMomentIsTheVersionItWasThen(String kind) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve(kind));
        String uri = kind.equals("sqlite") ? "sqlite:///" + folder.resolve("mlflow.db") : folder.resolve("mlruns").toString();
        python(folder, uri, kind, "seed");
        try (AppContext app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC())) {
            Source source = app.experiments().addMlflow(uri, "local", null, null, null);
            sync(app, source);
            Instant firstSync = Instant.now();
            Thread.sleep(50);
            long moved = python(folder, uri, kind, "set-alias", "fraud-model", "champion", "1").get("last_updated").asLong();
            Thread.sleep(50);
            Instant beforeSecondSync = Instant.now();
            sync(app, source);

            NodeId champion = LineageIds.alias("local", "fraud-model", "champion");
            NodeId v1 = LineageIds.modelVersion("local", "fraud-model", "1");
            NodeId v2 = LineageIds.modelVersion("local", "fraud-model", "2");
            assertEquals(Set.of(v2), versions(app, champion, firstSync), "after the first sync: version 2");
            assertEquals(Set.of(v1), versions(app, champion, null), "now: version 1");
            if (kind.equals("file")) {
                assertEquals(Set.of(v2), versions(app, champion, Instant.ofEpochMilli(moved - 1)));
                assertEquals(Set.of(v1), versions(app, champion, Instant.ofEpochMilli(moved)),
                        "the file store stamped the model when the alias moved: that is when");
            } else {
                assertEquals(Set.of(v2), versions(app, champion, beforeSecondSync),
                        "a SQL store keeps no time for the move: Braid dates it when it saw it");
            }
            assertTrue(app.lineage().timeSpan(List.of(champion)).orElseThrow()[1].toEpochMilli() >= moved,
                    "the explorer's slider reaches the move");
        }
    }

    private static Set<NodeId> versions(AppContext app, NodeId alias, Instant asOf) {
        return app.lineage().closure(alias, Direction.UPSTREAM, 1, asOf).stream().map(r -> r.node().id())
                .filter(id -> id.kind().equals(NodeKind.MODEL_VERSION)).collect(Collectors.toSet());
    }

    private static void sync(AppContext app, Source source) throws Exception {
        SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get(300, TimeUnit.SECONDS);
        assertTrue(run.usable(), String.valueOf(run.error()));
    }

    private JsonNode python(Path folder, String uri, String kind, String... args) throws Exception {
        PythonEnv env = PythonEnv.main().ensure();
        List<String> command = new ArrayList<>(List.of(env.python().toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(folder.resolve("python.log").toFile()));
        builder.environment().put("MLFLOW_TRACKING_URI", kind.equals("sqlite") ? uri : "file://" + uri);
        builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", args) + " failed:\n" + out + Files.readString(folder.resolve("python.log")));
        }
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
