package dev.braid.repos.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.repos.DiffLine;
import dev.braid.repos.GitRef;
import dev.braid.ui.GitFixture;
import dev.braid.ui.HeldTaskRunner;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesViewModelTest {
    @TempDir
    Path temp;
    private AppContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private RepositoriesViewModel modelWith(Path repository) throws Exception {
        context = GitFixture.open(temp.resolve("braid"));
        GitFixture.addAndSync(context, repository);
        RepositoriesViewModel model = new RepositoriesViewModel(context.repositories(), new ImmediateTaskRunner());
        model.refresh();
        return model;
    }

    private static List<String> subjects(RepositoriesViewModel model) {
        return model.history().stream().map(item -> item.commit().subject()).toList();
    }

    @Test
    void showsTheHistoryOfTheFirstRepositoryWithItsGraph() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.mergeRepository(temp.resolve("project")));

        assertEquals("project", model.selectedRepositoryProperty().get().name());
        assertEquals(6, model.history().size());
        assertEquals("Merge feature", subjects(model).get(0));
        assertTrue(model.history().get(0).graph().merge());
        assertEquals(2, model.history().get(0).graph().width());
        assertTrue(model.history().stream().anyMatch(item -> item.graph().column() == 1), "the feature commit has a lane of its own");
        assertTrue(model.historyComplete());
    }

    @Test
    void labelsCommitsWithTheirBranchesAndTags() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.mergeRepository(temp.resolve("project")));

        List<String> labels = model.history().get(0).labels().stream().map(GitRef::shortName).toList();
        assertTrue(labels.contains("main"), labels.toString());
        assertTrue(labels.contains("v1.0"), labels.toString());
        HistoryItem feature = model.history().stream().filter(i -> i.commit().subject().equals("feature work")).findFirst().orElseThrow();
        assertTrue(feature.labels().stream().anyMatch(ref -> ref.shortName().equals("feature")));
    }

    @Test
    void selectingACommitShowsItsFilesAndTheDiffOfTheFirstFile() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.mergeRepository(temp.resolve("project")));
        HistoryItem mainWork = model.history().stream().filter(i -> i.commit().subject().equals("main work")).findFirst().orElseThrow();

        model.selectCommit(mainWork);

        CommitDetailViewModel detail = model.detail();
        assertEquals("main work", detail.commitProperty().get().subject());
        assertEquals(List.of("notes.txt"), detail.files().stream().map(f -> f.path()).toList());
        assertEquals(1, detail.files().get(0).added());
        assertEquals(1, detail.files().get(0).removed());
        assertTrue(detail.diff().stream().anyMatch(l -> l.kind() == DiffLine.Kind.ADDED && l.text().equals("2")));
        assertTrue(detail.diff().stream().anyMatch(l -> l.kind() == DiffLine.Kind.REMOVED && l.text().equals("two")));
    }

    @Test
    void filtersByBranchAndByText() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.mergeRepository(temp.resolve("project")));
        GitRef feature = model.refs().stream().filter(r -> r.shortName().equals("feature")).findFirst().orElseThrow();

        model.filterByRef(feature);
        assertEquals(List.of("feature work", "third", "second", "first"), subjects(model));

        model.filterByRef(null);
        model.filterByText("main work");
        assertEquals(List.of("main work"), subjects(model));
    }

    @Test
    void readsLongHistoryPageByPageAsRowsAreShown() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.linearRepository(temp.resolve("long"), 450));

        assertEquals(RepositoriesViewModel.PAGE_SIZE, model.history().size());
        model.rowShown(10);
        assertEquals(200, model.history().size(), "rows far from the end read nothing more");
        model.rowShown(150);
        assertEquals(400, model.history().size());
        model.rowShown(399);
        assertEquals(450, model.history().size());
        assertTrue(model.historyComplete());
        assertEquals("commit number 1", model.history().get(449).commit().subject());
    }

    @Test
    void openingACommitBeyondTheLoadedPagesReadsOnUntilItIsFound() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.linearRepository(temp.resolve("long"), 450));
        String oldest = context.repositories().history(dev.braid.repos.HistoryQuery.all(
                model.selectedRepositoryProperty().get().sourceId()), 449, 1).get(0).hash();

        model.open(model.selectedRepositoryProperty().get().sourceId(), oldest.substring(0, 10));

        assertNotNull(model.selectedCommitProperty().get());
        assertEquals(oldest, model.selectedCommitProperty().get().commit().hash());
        assertEquals("commit number 1", model.detail().commitProperty().get().subject());
    }

    @Test
    void parentLinkSelectsTheParent() throws Exception {
        RepositoriesViewModel model = modelWith(GitFixture.mergeRepository(temp.resolve("project")));
        HistoryItem merge = model.history().get(0);
        model.selectCommit(merge);
        String secondParent = model.detail().commitProperty().get().parents().get(1);

        model.open(model.detail().repoId(), secondParent);

        assertEquals("feature work", model.selectedCommitProperty().get().commit().subject());
        assertEquals("feature work", model.detail().commitProperty().get().subject());
        assertFalse(model.detail().files().isEmpty());
    }

    @Test
    void aCommitChosenWhileASyncReReadsTheHistoryStaysChosen() throws Exception {
        Path repository = GitFixture.linearRepository(temp.resolve("project"), 12);
        context = GitFixture.open(temp.resolve("braid"));
        dev.braid.sync.Source source = GitFixture.addAndSync(context, repository);
        HeldTaskRunner runner = new HeldTaskRunner();
        RepositoriesViewModel model = new RepositoriesViewModel(context.repositories(), runner);
        model.refresh();
        runner.answerAll();
        assertEquals("commit number 12", model.selectedCommitProperty().get().commit().subject());

        // A new commit arrives; the sync's refresh starts re-reading the history, and before its
        // pages come back the user chooses another commit.
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repository.toFile())) {
            java.nio.file.Files.writeString(repository.resolve("counter.txt"), "13\n");
            git.add().addFilepattern("counter.txt").call();
            git.commit().setMessage("commit number 13").call();
        }
        context.syncEngine().start(source, dev.braid.sync.SyncListener.NONE).result().get(60, java.util.concurrent.TimeUnit.SECONDS);
        model.refresh();
        runner.answerNext();
        HistoryItem chosen = model.history().stream()
                .filter(item -> item.commit().subject().equals("commit number 5")).findFirst().orElseThrow();
        model.selectCommit(chosen);
        runner.answerAll();

        assertEquals("commit number 13", subjects(model).get(0), "the history was read again");
        assertEquals("commit number 5", model.selectedCommitProperty().get().commit().subject());
        assertEquals("commit number 5", model.detail().commitProperty().get().subject());
    }
}
