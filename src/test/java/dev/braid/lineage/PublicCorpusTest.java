package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.GitCli;
import dev.braid.testing.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files nobody here wrote ({@code src/test/resources/dev/braid/corpus}, origin and licence in its
 * README): OpenLineage's and Marquez's own example events, and the DVC histories of public
 * repositories replayed commit by commit into real git repositories. Every valid input is taken;
 * only what is really malformed is refused, for the reason the corpus records.
 */
class PublicCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/dev/braid/corpus").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void openLineageExamplesAreTakenAndOnlyTheMalformedRefused() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("openlineage/expected.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cells = line.split("\t");
                expected.put(cells[0], cells[1] + (cells.length > 2 ? " " + cells[2] : ""));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        try (AppContext app = open()) {
            for (Path file : files(CORPUS.resolve("openlineage"), ".json")) {
                ImportReport report = app.openLineageImporter().importPaths(List.of(file));
                String name = CORPUS.resolve("openlineage").relativize(file).toString();
                if (!report.problems().isEmpty()) {
                    actual.put(name, "refused " + report.problems().get(0).reason());
                } else if (!report.warnings().isEmpty()) {
                    actual.put(name, "warned " + report.warnings().get(0).reason());
                } else {
                    actual.put(name, report.added() + report.repeated() == 1 ? "accepted" : "events " + report.added());
                }
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "every corpus file has its expected outcome");
        for (Map.Entry<String, String> outcome : expected.entrySet()) {
            String got = actual.get(outcome.getKey());
            // A refusal names its reason; the corpus records the part that must be in it.
            assertTrue(outcome.getValue().startsWith("refused ") ? got.startsWith("refused ") && got.contains(
                    outcome.getValue().substring("refused ".length())) : got.equals(outcome.getValue()),
                    outcome.getKey() + ": expected " + outcome.getValue() + ", got " + got + "\n" + actual);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vscode-dvc-demo", "dvc-mlflow-classification-workflow", "iterative-dvc"})
    void publicDvcHistoriesAreReadWithoutAWordOfComplaint(String project) throws Exception {
        Path history = CORPUS.resolve("dvc").resolve(project);
        Path repo = replay(history, tmp.resolve(project));
        try (AppContext app = open()) {
            Source source = app.repositories().add(repo.toString(), project, TestContexts.quiet());
            SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), String.valueOf(run.error()));
            assertEquals(List.of(), run.warnings(), "every file of every commit was read");
            long runs = app.lineage().everything(null).nodes().stream()
                    .filter(n -> n.kind().equals(NodeKind.JOB_RUN)).count();
            assertTrue(runs >= 1, "the history's stages and tracked data became runs");
        }
    }

    /** A git repository whose commits hold, in order, the DVC files of the corpus snapshots. */
    static Path replay(Path history, Path repo) throws IOException {
        GitCli git = new GitCli(repo);
        Files.createDirectories(repo);
        git.run("init", "-q");
        Map<String, String> byIndex = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(history.resolve("commits.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            byIndex.put(cells[0], cells[3]);
        }
        for (Map.Entry<String, String> snapshot : byIndex.entrySet()) {
            clearTrackedFiles(repo);
            Path from = history.resolve(snapshot.getKey());
            for (Path file : files(from, "")) {
                Path to = repo.resolve(from.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.isDirectory(repo.resolve(".dvc"))) {
                Files.createDirectories(repo.resolve(".dvc"));
                Files.writeString(repo.resolve(".dvc/config"), "");
            }
            git.commitAll(snapshot.getValue().isEmpty() ? "snapshot " + snapshot.getKey() : snapshot.getValue());
        }
        return repo;
    }

    private static void clearTrackedFiles(Path repo) throws IOException {
        for (Path file : files(repo, "")) {
            if (!repo.relativize(file).startsWith(".git")) {
                Files.delete(file);
            }
        }
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private AppContext open() throws Exception {
        return AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC());
    }
}
