package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts of runs on a real tracking server that serves artifacts ({@code --serve-artifacts}),
 * logged by the real MLflow client: Braid lists what the client lists and fetches the same bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerArtifactsTest {
    private MlflowCache cache;
    private Path tmp;
    private Path downloads;
    private ArtifactService artifacts;
    private long runPk;
    private String runId;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        cache = MlflowCache.start(dir);
        cache.syncer.sync(cache.source, TestContexts.quiet());
        downloads = dir.resolve("data/artifacts");
        artifacts = service(ArtifactService.DEFAULT_SIZE_CAP);
        runId = cache.seeded.get("artifact_run").asText();
        runPk = cache.service.run(cache.source.id(), runId).orElseThrow().summary().runPk();
    }

    @AfterAll
    void close() {
        cache.close();
    }

    private ArtifactService service(long cap) {
        return new ArtifactService(cache.db, cache.sources, new MlflowConnector(Map.of(), Duration.ofSeconds(30)),
                downloads, cap);
    }

    @Test
    void theTreeIsWhatTheClientLists() throws Exception {
        List<Map<String, Object>> expected = ArtifactTrees.of(cache.mlflow.python("list-artifacts", runId));
        assertEquals(expected, ArtifactTrees.walk(artifacts, runPk));
        assertTrue(expected.stream().anyMatch(e -> e.get("path").equals("config/nested/deep.yaml")), expected.toString());
        assertTrue(expected.stream().anyMatch(e -> e.get("path").equals("plots/curve.png")), expected.toString());
    }

    @Test
    void filesAreFetchedIntoTheDataFolderWithTheClientsBytes() throws Exception {
        List<ArtifactEntry> files = ArtifactTrees.files(artifacts, runPk);
        assertEquals(5, files.size(), files.toString());
        Path client = Path.of(cache.mlflow.python("download-artifacts", runId,
                Files.createDirectories(tmp.resolve("client")).toString()).get("local_path").asText());
        for (ArtifactEntry file : files) {
            ArtifactContent content = artifacts.open(runPk, file);
            Path expectedAt = downloads.resolve(cache.source.id() + "/" + runId + "/" + file.path());
            assertEquals(expectedAt, content.file());
            Path theirs = client.resolve(file.path());
            assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(content.file()), file.path());
            assertEquals(Files.size(theirs), content.size());
        }
        ArtifactContent report = artifacts.open(runPk, entry(files, "report.txt"));
        assertEquals(ArtifactContent.Kind.TEXT, report.kind());
        assertEquals("baseline report\nauc 0.71\n", report.text());
        assertTrue(report.reused(), "a finished download is used again");
        assertEquals(ArtifactContent.Kind.IMAGE, artifacts.open(runPk, entry(files, "plots/curve.png")).kind());
        ArtifactContent mlmodel = artifacts.open(runPk, entry(files, "model/MLmodel"));
        assertEquals(ArtifactContent.Kind.TEXT, mlmodel.kind());
        assertTrue(mlmodel.text().startsWith("artifact_path: model"), mlmodel.text());
    }

    @Test
    void aFileAboveTheCapIsNotFetched() throws Exception {
        ArtifactService small = service(8);
        ArtifactEntry report = entry(ArtifactTrees.files(small, runPk), "report.txt");
        Path target = downloads.resolve(cache.source.id() + "/" + runId + "/report.txt");
        Files.deleteIfExists(target);

        ArtifactContent listed = small.open(runPk, report);
        assertEquals(ArtifactContent.Kind.TOO_LARGE, listed.kind());
        assertEquals(report.size(), listed.size());
        assertNull(listed.file());

        // A store that gives no size is stopped at the cap while fetching, and leaves nothing behind.
        ArtifactContent unsized = small.open(runPk, new ArtifactEntry("report.txt", false, null));
        assertEquals(ArtifactContent.Kind.TOO_LARGE, unsized.kind());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void aChangedCapAppliesToTheNextFetch() throws Exception {
        ArtifactService changing = service(ArtifactService.DEFAULT_SIZE_CAP);
        ArtifactEntry report = entry(ArtifactTrees.files(changing, runPk), "report.txt");
        Files.deleteIfExists(downloads.resolve(cache.source.id() + "/" + runId + "/report.txt"));

        changing.setSizeCap(8);
        assertEquals(8, changing.sizeCap());
        assertEquals(ArtifactContent.Kind.TOO_LARGE, changing.open(runPk, report).kind());
        changing.setSizeCap(ArtifactService.DEFAULT_SIZE_CAP);
        assertNotEquals(ArtifactContent.Kind.TOO_LARGE, changing.open(runPk, report).kind());
        assertThrows(IllegalArgumentException.class, () -> changing.setSizeCap(0));
    }

    @Test
    void missingFilesAndUnsafePathsGiveClearMessages() throws Exception {
        String missing = assertThrows(ExperimentException.class,
                () -> artifacts.open(runPk, new ArtifactEntry("config/nope.txt", false, 3L))).getMessage();
        assertTrue(missing.contains("no artifact config/nope.txt in run " + runId), missing);
        for (String unsafe : List.of("../other-run/secret.txt", "config/../../x", "/etc/passwd", "a\\..\\b", "a//b")) {
            String message = assertThrows(ExperimentException.class,
                    () -> artifacts.open(runPk, new ArtifactEntry(unsafe, false, 1L))).getMessage();
            assertTrue(message.contains("must stay inside the run's artifact folder"), message);
            assertThrows(ExperimentException.class, () -> artifacts.list(runPk, unsafe));
        }
        assertTrue(Files.notExists(downloads.resolve("other-run")) && Files.notExists(tmp.resolve("data/x")));
    }

    @Test
    void aFolderListedBeforeStillShowsWhileTheServerIsDown() throws Exception {
        ArtifactService offline = service(ArtifactService.DEFAULT_SIZE_CAP);
        ArtifactListing root = offline.list(runPk, "");
        ArtifactContent fetched = offline.open(runPk, entry(root.entries(), "report.txt"));
        cache.mlflow.stop();
        try {
            ArtifactListing again = offline.list(runPk, "");
            assertTrue(again.stale());
            assertTrue(again.staleReason().contains("cannot reach MLflow"), again.staleReason());
            assertEquals(root.entries(), again.entries());
            ArtifactContent reused = offline.open(runPk, entry(root.entries(), "report.txt"));
            assertTrue(reused.reused());
            assertEquals(fetched.text(), reused.text());
            String never = assertThrows(ExperimentException.class, () -> offline.list(runPk, "plots")).getMessage();
            assertTrue(never.contains("cannot reach MLflow"), never);
        } finally {
            cache.mlflow.restart();
        }
        assertFalse(offline.list(runPk, "").stale());
    }

    private static ArtifactEntry entry(List<ArtifactEntry> entries, String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError(
                path + " not in " + entries));
    }
}
