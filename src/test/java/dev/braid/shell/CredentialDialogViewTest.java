package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.repos.CredentialPrompt;
import dev.braid.testing.FxWait;
import dev.braid.ui.FxTaskRunner;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A sync thread that needs credentials waits for the person to type them into the dialog. */
@ExtendWith(ApplicationExtension.class)
class CredentialDialogViewTest {
    private CredentialDialog dialog;

    @Start
    void start(Stage stage) {
        dialog = new CredentialDialog(new FxTaskRunner(1));
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    @Test
    void theAnswerTypedInTheDialogReachesTheWaitingThread(FxRobot robot) throws Exception {
        CompletableFuture<Optional<CredentialPrompt.Credentials>> asked = CompletableFuture.supplyAsync(
                () -> dialog.ask("https://git.example.invalid/team/project.git", "the remote asks for a password"));

        FxWait.untilShowing(robot, "#credentialUser");
        robot.clickOn("#credentialUser").write("ada");
        robot.clickOn("#credentialPassword").write("s3cret");
        robot.clickOn("OK");

        CredentialPrompt.Credentials answer = asked.get(10, TimeUnit.SECONDS).orElseThrow();
        assertEquals("ada", answer.username());
        assertEquals("s3cret", new String(answer.password()));
    }

    @Test
    void cancellingGivesNoCredentials(FxRobot robot) throws Exception {
        CompletableFuture<Optional<CredentialPrompt.Credentials>> asked = CompletableFuture.supplyAsync(
                () -> dialog.ask("https://git.example.invalid/x.git", "the remote asks for a password"));

        FxWait.untilShowing(robot, "#credentialUser");
        robot.clickOn("Cancel");

        assertEquals(Optional.empty(), asked.get(10, TimeUnit.SECONDS));
    }
}
