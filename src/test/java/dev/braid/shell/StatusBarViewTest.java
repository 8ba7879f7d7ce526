package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.time.Instant;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class StatusBarViewTest {
    private WindowFixture window;

    @Start
    void start(Stage stage) throws Exception {
        window = new WindowFixture();
        Source source = GitFixture.addAndSync(window.context(), GitFixture.mergeRepository(window.folder().resolve("project")));
        GitFixture.addAndSync(window.context(), GitFixture.linearRepository(window.folder().resolve("other"), 2));
        long run = window.context().syncRuns().begin(source.id(), Instant.now());
        window.context().syncRuns().finish(run, Instant.now(), SyncOutcome.UNREACHABLE, SyncCounts.NONE, 3,
                dev.braid.sync.PlainErrors.describe(new java.net.ConnectException("Connection refused")));
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void eachSourceHasItsOwnDotWithItsStoryOnHoverAndNoWindowWideOfflineState(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);

        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> shell.sourceStates().contains("project: unreachable") && shell.sourceStates().contains("other: up to date"));

        String[] unreachable = shell.sourceDot("project");
        assertTrue(unreachable[0].equals("source-dot-unreachable"), unreachable[0]);
        assertTrue(unreachable[1].contains("Last problem: the connection was refused"), unreachable[1]);
        assertTrue(unreachable[1].contains("Showing the data cached"), unreachable[1]);
        assertTrue(shell.sourceDot("other")[0].equals("source-dot-ok"));
        assertTrue(robot.lookup("#offlineIndicator").tryQuery().isEmpty(), "no window-wide offline badge");

        robot.clickOn("#sourceState-" + window.context().sources().findByName("project").orElseThrow().id());
        shell.waitUntilShowing("sourcesTable");
    }
}
