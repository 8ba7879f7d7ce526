package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.TestContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Artifacts of local MLflow stores (a SQLite backend file and a legacy mlruns folder) written by
 * the real MLflow client without a server: read from the run's artifact folder on disk, they match
 * what the client lists and downloads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalArtifactsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> uris = new LinkedHashMap<>();
    private final Map<String, JsonNode> seeded = new LinkedHashMap<>();
    private Path tmp;

    @BeforeAll
    void seedBothStores(@TempDir Path dir) throws Exception {
        tmp = dir;
        MlflowHarness.ensureVenv();
        uris.put("sqlite", "sqlite:///" + dir.resolve("sq/mlflow.db"));
        uris.put("file", dir.resolve("fs/mlruns").toString());
        for (String kind : uris.keySet()) {
            Files.createDirectories(folder(kind));
            seeded.put(kind, python(kind, "seed-local"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "file"})
    void theTreeAndTheBytesAreWhatTheClientReads(String kind) throws Exception {
        Fixture f = new Fixture(tmp.resolve("cache-" + kind));
        Source source = f.addAndSync(uris.get(kind));
        String runId = seeded.get(kind).get("artifact_run").asText();
        long pk = f.service.run(source.id(), runId).orElseThrow().summary().runPk();

        assertEquals(ArtifactTrees.of(python(kind, "list-artifacts", runId)), ArtifactTrees.walk(f.artifacts, pk));
        Path client = Path.of(python(kind, "download-artifacts", runId,
                Files.createDirectories(tmp.resolve("client-" + kind)).toString()).get("local_path").asText());
        List<ArtifactEntry> files = ArtifactTrees.files(f.artifacts, pk);
        assertEquals(5, files.size(), files.toString());
        for (ArtifactEntry file : files) {
            ArtifactContent content = f.artifacts.open(pk, file);
            assertEquals(f.downloads.resolve(source.id() + "/" + runId + "/" + file.path()), content.file());
            assertArrayEquals(Files.readAllBytes(client.resolve(file.path())), Files.readAllBytes(content.file()));
        }
        String child = seeded.get(kind).get("child_runs").get(0).asText();
        long childPk = f.service.run(source.id(), child).orElseThrow().summary().runPk();
        assertEquals(ArtifactTrees.of(python(kind, "list-artifacts", child)), ArtifactTrees.walk(f.artifacts, childPk));
    }

    @Test
    void aLinkOutOfTheArtifactFolderIsNotFollowed() throws Exception {
        Fixture f = new Fixture(tmp.resolve("cache-links"));
        Source source = f.addAndSync(uris.get("file"));
        String runId = seeded.get("file").get("edge_run").asText();
        RunDetail run = f.service.run(source.id(), runId).orElseThrow();
        Path folder = LocalArtifacts.of(run.artifactUri(), folder("file")).root();
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not an artifact");
        Files.createDirectories(folder);
        Files.createSymbolicLink(folder.resolve("escape.txt"), secret);
        Files.createSymbolicLink(folder.resolve("escape-dir"), tmp);

        long pk = run.summary().runPk();
        String message = assertThrows(ExperimentException.class,
                () -> f.artifacts.open(pk, new ArtifactEntry("escape.txt", false, null))).getMessage();
        assertTrue(message.contains("links to a file outside"), message);
        assertEquals(List.of(), f.artifacts.list(pk, "escape-dir").entries());
        assertTrue(Files.notExists(f.downloads.resolve(source.id() + "/" + runId + "/escape.txt")));
    }

    @Test
    void artifactsAtAPlaceOnlyAServerReachesAreExplained() throws Exception {
        String message = assertThrows(ExperimentException.class,
                () -> LocalArtifacts.of("s3://bucket/1/abc/artifacts", tmp)).getMessage();
        assertTrue(message.contains("reads only through a tracking server"), message);
        assertEquals(tmp.resolve("mlruns/1/abc/artifacts"), LocalArtifacts.of("mlruns/1/abc/artifacts", tmp).root());
        assertEquals(Path.of("/data/my runs/artifacts"), LocalArtifacts.of("file:///data/my%20runs/artifacts", tmp).root());
    }

    private Path folder(String kind) {
        return tmp.resolve(kind.equals("sqlite") ? "sq" : "fs");
    }

    /** Runs {@code seed_mlflow.py} against one local store, with no server anywhere. */
    private JsonNode python(String kind, String... commandAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(MlflowHarness.VENV.resolve("bin/python").toString(),
                MlflowHarness.SCRIPT.toString()));
        command.addAll(List.of(commandAndArgs));
        Path log = folder(kind).resolve("python.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder(kind).toFile()).redirectError(log.toFile());
        builder.environment().put("MLFLOW_TRACKING_URI", kind.equals("sqlite") ? uris.get(kind) : "file://" + uris.get(kind));
        builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("seed_mlflow.py " + String.join(" ", commandAndArgs) + " failed:\n" + out
                    + "\n" + Files.readString(log));
        }
        String[] lines = out.strip().split("\n");
        return json.readTree(lines[lines.length - 1]);
    }

    private static final class Fixture {
        final ExperimentService service;
        final MlflowSyncer syncer;
        final ArtifactService artifacts;
        final Path downloads;

        Fixture(Path folder) throws Exception {
            Database db = Database.open(Files.createDirectories(folder).resolve("cache.db"));
            SourceStore sources = new SourceStore(db, Clock.systemUTC());
            MlflowConnector connector = new MlflowConnector(Map.of(), Duration.ofSeconds(30));
            service = new ExperimentService(db, sources, connector, Clock.systemUTC());
            syncer = new MlflowSyncer(db, sources, connector, Clock.systemUTC());
            downloads = folder.resolve("artifacts");
            artifacts = new ArtifactService(db, sources, connector, downloads, ArtifactService.DEFAULT_SIZE_CAP);
        }

        Source addAndSync(String uri) throws Exception {
            Source source = service.addMlflow(uri, null, null, null, null);
            syncer.sync(source, TestContexts.quiet());
            return source;
        }
    }
}
