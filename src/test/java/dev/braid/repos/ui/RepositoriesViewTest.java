package dev.braid.repos.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.repos.DiffLine;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class RepositoriesViewTest {
    private WindowFixture window;
    private dev.braid.shell.Workbench workbench;
    private java.nio.file.Path project;

    @Start
    void start(Stage stage) throws Exception {
        window = new WindowFixture();
        project = GitFixture.mergeRepository(window.folder().resolve("project"));
        GitFixture.addAndSync(window.context(), project);
        workbench = window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void showsTheRepositoryAndItsHistoryWithGraphAndLabels(FxRobot robot) throws Exception {
        RepositoriesViewHandle view = new RepositoriesViewHandle(robot);

        view.waitUntil(() -> view.subjects().size() == 6 && view.drawnGraphCells() >= 6);

        assertEquals(List.of("project"), view.repositoryNames());
        assertEquals("Merge feature", view.subjects().get(0));
        List<String> labels = view.labelsOn("Merge feature");
        assertTrue(labels.containsAll(List.of("main", "v1.0")), labels.toString());
        assertTrue(view.labelsOn("feature work").contains("feature"));
    }

    @Test
    void selectingACommitShowsItsChangedFilesAndColouredDiff(FxRobot robot) throws Exception {
        RepositoriesViewHandle view = new RepositoriesViewHandle(robot);
        view.waitUntil(() -> view.subjects().size() == 6);

        view.clickCommit("main work");
        view.waitUntil(() -> "main work".equals(view.shownCommitSubject()) && !view.diff().isEmpty());

        assertEquals(List.of("notes.txt"), view.changedFiles());
        assertTrue(view.diff().stream().anyMatch(l -> l.kind() == DiffLine.Kind.ADDED && l.text().equals("2")));
        assertTrue(view.diffCellKinds().contains("diff-added"), view.diffCellKinds().toString());
        assertTrue(view.diffCellKinds().contains("diff-removed"), view.diffCellKinds().toString());
    }

    @Test
    void arrowKeysMoveThroughHistoryAndTheDetailFollows(FxRobot robot) throws Exception {
        RepositoriesViewHandle view = new RepositoriesViewHandle(robot);
        view.waitUntil(() -> view.subjects().size() == 6);
        view.clickCommit("Merge feature");
        view.waitUntil(() -> "Merge feature".equals(view.shownCommitSubject()));

        view.press(KeyCode.DOWN);
        view.waitUntil(() -> !"Merge feature".equals(view.shownCommitSubject()) && !view.shownCommitSubject().isEmpty());

        assertEquals(view.subjects().get(1), view.shownCommitSubject());
    }

    @Test
    void globalSearchOpensTheCommitChosen(FxRobot robot) throws Exception {
        RepositoriesViewHandle view = new RepositoriesViewHandle(robot);
        view.waitUntil(() -> view.subjects().size() == 6);

        robot.clickOn("#globalSearch").write("feature work");
        view.waitUntil(() -> robot.lookup("#searchResults").query().isVisible());
        robot.type(KeyCode.ENTER);

        view.waitUntil(() -> "feature work".equals(view.shownCommitSubject()));
        assertEquals(List.of("feature.txt"), view.changedFiles());
    }

    @Test
    void aBackgroundSyncThatAddsCommitsKeepsTheSelectedCommitAndItsDiffOnScreen(FxRobot robot) throws Exception {
        RepositoriesViewHandle view = new RepositoriesViewHandle(robot);
        view.waitUntil(() -> view.subjects().size() == 6);
        view.clickCommit("main work");
        view.waitUntil(() -> "main work".equals(view.shownCommitSubject()) && !view.diff().isEmpty());
        List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        CommitDetailViewModel detail = workbench.repositories().detail();
        robot.interact(() -> {
            detail.commitProperty().addListener((obs, old, now) -> changes.add(now == null ? "(no commit)" : now.subject()));
            detail.diff().addListener((javafx.collections.ListChangeListener<DiffLine>) c -> {
                if (detail.diff().isEmpty()) {
                    changes.add("(diff cleared)");
                }
            });
            workbench.repositories().selectedCommitProperty().addListener((obs, old, now) ->
                    changes.add(now == null ? "(selection cleared)" : "selected " + now.commit().subject()));
        });

        // Two new commits on main, then the sync the periodic timer would start.
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(project.toFile())) {
            for (String subject : List.of("later one", "later two")) {
                java.nio.file.Files.writeString(project.resolve("later.txt"), subject + "\n");
                git.add().addFilepattern("later.txt").call();
                git.commit().setMessage(subject).call();
            }
        }
        robot.interact(() -> workbench.sync().syncNow());
        view.waitUntil(() -> view.subjects().size() == 8 && !workbench.sync().syncingProperty().get());
        org.testfx.util.WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

        assertEquals("main work", view.shownCommitSubject());
        assertTrue(!view.diff().isEmpty(), "the diff stays on screen");
        assertEquals("main work", robot.lookup("#historyTable").queryAs(javafx.scene.control.TableView.class)
                .getSelectionModel().getSelectedItem() instanceof HistoryItem item ? item.commit().subject() : null);
        assertTrue(changes.stream().allMatch(c -> c.equals("selected main work")), "the detail never left the commit: " + changes);
    }
}
