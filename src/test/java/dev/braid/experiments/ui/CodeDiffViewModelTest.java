package dev.braid.experiments.ui;

import static dev.braid.experiments.ui.PlotRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.RunSummary;
import dev.braid.repos.ChangedFile;
import dev.braid.repos.DiffLine;
import dev.braid.shell.RepositoryCommitLinks;
import dev.braid.ui.GitFixture;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeDiffViewModelTest {
    @TempDir
    Path tmp;
    private AppContext context;
    private TrainingRepository repo;
    private CommitLinks links;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(tmp.resolve("braid"));
        repo = TrainingRepository.create(tmp.resolve("project"));
        GitFixture.addAndSync(context, repo.dir());
        links = new RepositoryCommitLinks(context.repositories(), (id, hash) -> { });
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static RunSummary at(String id, String commit) {
        return run(id, commit, Map.of(), Map.of());
    }

    private CodeDiffViewModel model(RunSummary... runs) {
        return new CodeDiffViewModel(List.of(runs), links, new ImmediateTaskRunner());
    }

    private static List<String> texts(List<DiffLine> lines, DiffLine.Kind kind) {
        return lines.stream().filter(l -> l.kind() == kind).map(DiffLine::text).toList();
    }

    @Test
    void picksTheFirstRunWithACommitAndTheFirstOnAnotherCommit() {
        RunSummary none = at("n", null);
        RunSummary a = at("a", repo.commit(0));
        RunSummary same = at("s", repo.commit(0));
        RunSummary b = at("b", repo.commit(2));
        CodeDiffViewModel model = model(none, a, same, b);
        assertEquals(List.of(a, same, b), model.candidates());
        assertSame(a, model.fromProperty().get());
        assertSame(b, model.toProperty().get());
        assertEquals(List.of(a, same), CodeDiffViewModel.defaultPair(List.of(a, same)));
    }

    @Test
    void listsTheFilesThatDifferBetweenTheTwoCommitsAndShowsTheFirstDiff() {
        CodeDiffViewModel model = model(at("a", repo.commit(0)), at("b", repo.commit(2)));
        assertTrue(model.files().isEmpty(), "nothing is read before it is asked for");

        model.load();

        assertEquals(List.of("features.py", "train.py"), model.files().stream().map(ChangedFile::path).sorted().toList());
        assertTrue(model.noteProperty().get().startsWith("2 files changed from " + repo.commit(0).substring(0, 8)),
                model.noteProperty().get());
        assertFalse(model.loadingProperty().get());
        model.showFile(model.files().stream().filter(f -> f.path().equals("train.py")).findFirst().orElseThrow());
        assertEquals(List.of("lr = 0.1", "epochs = 5"), texts(model.lines(), DiffLine.Kind.REMOVED));
        assertEquals(List.of("lr = 0.05", "epochs = 8"), texts(model.lines(), DiffLine.Kind.ADDED));
        assertEquals(DiffLine.Kind.HUNK, model.lines().get(0).kind());
    }

    @Test
    void swappingOrPickingAnotherRunComparesAgainOnceShown() {
        RunSummary a = at("a", repo.commit(0));
        RunSummary b = at("b", repo.commit(1));
        RunSummary c = at("c", repo.commit(2));
        CodeDiffViewModel model = model(a, b, c);
        model.load();
        assertEquals(List.of("train.py"), model.files().stream().map(ChangedFile::path).toList());

        model.setTo(c);
        assertEquals(2, model.files().size());
        model.swap();
        assertSame(c, model.fromProperty().get());
        model.showFile(model.files().stream().filter(f -> f.path().equals("features.py")).findFirst().orElseThrow());
        assertEquals(ChangedFile.ChangeKind.DELETED, model.selectedFileProperty().get().change());
        assertEquals(List.of("COLUMNS = ['tenure', 'charges']"), texts(model.lines(), DiffLine.Kind.REMOVED));
    }

    @Test
    void runsOnTheSameCommitHaveNoDiff() {
        CodeDiffViewModel model = model(at("a", repo.commit(1)), at("b", repo.commit(1)));
        model.load();
        assertTrue(model.files().isEmpty());
        assertTrue(model.noteProperty().get().contains("were both made from commit"), model.noteProperty().get());
    }

    @Test
    void aCommitNoIndexedRepositoryHoldsIsExplained() {
        CodeDiffViewModel model = model(at("a", repo.commit(0)), at("b", "0123456789abcdef0123456789abcdef01234567"));
        model.load();
        assertTrue(model.files().isEmpty());
        assertTrue(model.noteProperty().get().startsWith("Commit 01234567 is in no indexed repository"),
                model.noteProperty().get());
    }

    @Test
    void runsWithoutCommitsSayWhy() {
        CodeDiffViewModel model = model(at("a", null), at("b", repo.commit(0)));
        assertNull(model.toProperty().get());
        assertTrue(model.noteProperty().get().startsWith("Only one of these runs records"), model.noteProperty().get());
        model.load();
        assertTrue(model.files().isEmpty());
    }
}
