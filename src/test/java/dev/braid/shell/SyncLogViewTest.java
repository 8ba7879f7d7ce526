package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.time.Instant;
import dev.braid.testing.FxWait;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sync log shows what a sync went past: the first warning in the row, all of them in its tooltip. */
@ExtendWith(ApplicationExtension.class)
class SyncLogViewTest {
    private static final List<String> WARNINGS = List.of(
            "The remote origin could not be reached: connection refused. Indexed the local history; the next sync fetches again.",
            "DVC file not read: dvc.lock: not valid YAML (first in commit 0123abcd \"Half broken\")");
    private WindowFixture window;

    @Start
    void start(Stage stage) throws Exception {
        window = new WindowFixture();
        Source source = GitFixture.addAndSync(window.context(), GitFixture.mergeRepository(window.folder().resolve("project")));
        long run = window.context().syncRuns().begin(source.id(), Instant.now());
        window.context().syncRuns().finish(run, Instant.now(), SyncOutcome.STALE, new SyncCounts(2, 1, 0), 1, null, WARNINGS);
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void aRowShowsItsFirstWarningAndHowManyMore(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.clickSyncLog();
        FxWait.untilShowing(robot, "#syncLogTable");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(robot, WARNINGS.get(0) + " (+1 more)").isPresent());
        TableCell<?, ?> shown = cell(robot, WARNINGS.get(0) + " (+1 more)").orElseThrow();
        assertEquals("warnings", shown.getTableColumn().getId());
        assertEquals(String.join("\n", WARNINGS), shown.getTooltip().getText(), "the tooltip lists every warning");
        assertTrue(cell(robot, "stale").isPresent(), "the outcome reads stale");
        TableView<?> table = robot.lookup("#syncLogTable").queryTableView();
        assertEquals(WARNINGS, ((SyncRun) table.getItems().get(0)).warnings(), "kept with the run");
    }

    private static Optional<TableCell<?, ?>> cell(FxRobot robot, String text) {
        return robot.lookup(".table-cell").queryAll().stream()
                .filter(c -> c instanceof TableCell<?, ?> t && text.equals(t.getText()))
                .<TableCell<?, ?>>map(c -> (TableCell<?, ?>) c).findFirst();
    }
}
