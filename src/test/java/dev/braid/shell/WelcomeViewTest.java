package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.demo.DemoService;
import dev.braid.repos.DiffLine;
import dev.braid.repos.ui.RepositoriesViewHandle;
import dev.braid.ui.WindowFixture;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WelcomeViewTest {
    private WindowFixture window;

    @Start
    void start(Stage stage) throws Exception {
        window = new WindowFixture();
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void demoWorkspaceOpensInTheRepositoriesViewAndItsCommitsShowTheirDiffs(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.waitUntilShowing("welcome");

        robot.clickOn("#welcomeOpenDemo");
        RepositoriesViewHandle repos = new RepositoriesViewHandle(robot);
        repos.waitUntil(() -> shell.showing("repositoriesView") && repos.subjects().size() >= 100);

        assertEquals(1, repos.repositoryNames().size());
        assertTrue(repos.repositoryNames().get(0).startsWith(DemoService.SOURCE_NAME));
        assertTrue(repos.drawnGraphCells() > 0);
        String subject = repos.subjects().get(3);
        repos.clickCommitUntilShown(subject);
        repos.waitUntil(() -> repos.diff().stream().anyMatch(l -> l.kind() != DiffLine.Kind.HUNK));
        assertFalse(repos.diff().isEmpty());
        // The sync finishes after the commits show: its lineage step (the demo's DVC history) comes last.
        repos.waitUntil(() -> shell.sourceStates().contains("up to date"));
    }
}
