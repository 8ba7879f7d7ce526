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

    @Start
    void start(Stage stage) throws Exception {
        window = new WindowFixture();
        GitFixture.addAndSync(window.context(), GitFixture.mergeRepository(window.folder().resolve("project")));
        window.show(stage);
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
}
