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
        long run = window.context().syncRuns().begin(source.id(), Instant.now());
        window.context().syncRuns().finish(run, Instant.now(), SyncOutcome.UNREACHABLE, SyncCounts.NONE, 3,
                "could not reach the remote");
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void showsEachSourcesStateAndAClearOfflineIndicator(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);

        shell.waitUntilShowing("offlineIndicator");

        assertTrue(shell.sourceStates().contains("project: offline"), shell.sourceStates());
        assertTrue(shell.sourceStates().contains("last success"), shell.sourceStates());
    }
}
