package dev.braid.shell;

import dev.braid.repos.CredentialPrompt;
import dev.braid.ui.TaskRunner;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Asks for a user name and password or token in a dialog when a remote wants credentials that
 * no helper, {@code ~/.netrc} or environment variable had. The sync that asked waits (up to five
 * minutes) on its own thread; the answer is used for that operation only.
 */
public final class CredentialDialog implements CredentialPrompt {
    private final TaskRunner runner;

    public CredentialDialog(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<Credentials> ask(String url, String reason) {
        if (Platform.isFxApplicationThread()) {
            // Waiting here would freeze the window; callers ask from background threads.
            return Optional.empty();
        }
        CompletableFuture<Optional<Credentials>> answer = new CompletableFuture<>();
        runner.onUiThread(() -> answer.complete(show(url, reason)));
        try {
            return answer.get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private static Optional<Credentials> show(String url, String reason) {
        Dialog<Credentials> dialog = new Dialog<>();
        dialog.setTitle("Sign in");
        dialog.setHeaderText(url + "\n" + reason);
        TextField user = new TextField();
        user.setId("credentialUser");
        PasswordField password = new PasswordField();
        password.setId("credentialPassword");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("User name"), user);
        grid.addRow(1, new Label("Password or token"), password);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new Credentials(user.getText(), password.getText().toCharArray()) : null);
        dialog.setOnShown(event -> user.requestFocus());
        return dialog.showAndWait();
    }
}
