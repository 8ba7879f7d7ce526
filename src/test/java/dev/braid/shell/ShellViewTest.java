package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.shell.sources.AddSourceDialogHandle;
import dev.braid.ui.WindowFixture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
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
    void firstStartShowsTheWelcomePage(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);

        shell.waitUntilShowing("welcome");

        assertTrue(shell.showing("welcome-git"));
        assertTrue(shell.showing("welcome-openlineage"));
        assertTrue(shell.showing("welcomeOpenDemo"));
        assertTrue(shell.sourceStates().contains("No sources yet"));
    }

    @Test
    void addingAFolderThatDoesNotExistShowsAnErrorAndChangesNothing(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.waitUntilShowing("welcome");
        String missing = window.folder().resolve("no-such-repository").toString();

        AddSourceDialogHandle dialog = shell.clickAddSource().enterLocation(missing).clickAdd();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialog.error().isEmpty());

        assertTrue(dialog.isOpen(), "the dialog stays open to show the error");
        assertFalse(dialog.error().isBlank());
        assertTrue(window.context().sources().list().isEmpty());
        assertTrue(shell.showing("welcome"), "still on the welcome page");
    }

    @Test
    void screensForSourcesNotSyncedYetSayWhatTheyWillShow(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.waitUntilShowing("welcome");

        shell.navigateTo("Experiments");
        shell.waitUntilShowing("placeholder-experiments");

        String text = robot.lookup("#placeholder-experiments").queryAs(VBox.class).getChildren().stream()
                .map(node -> ((Label) node).getText()).reduce("", String::concat);
        assertTrue(text.contains("MLflow"), text);
        assertTrue(text.contains("Add source"), text);
    }

    @Test
    void syncLogLinkOpensTheSyncLog(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.waitUntilShowing("welcome");

        shell.clickSyncLog();
        shell.waitUntilShowing("syncLogTable");

        assertEquals(0, window.context().syncRuns().recent(10).size());
    }
}
