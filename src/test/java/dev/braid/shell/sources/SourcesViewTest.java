package dev.braid.shell.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.demo.DemoService;
import dev.braid.shell.Page;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.SourceStatus;
import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.testing.VisibleText;
import dev.braid.ui.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Sources managed from the window: the Sources page and the Add-source dialog, on real caches. */
@ExtendWith(ApplicationExtension.class)
class SourcesViewTest {
    private DemoData data;
    private DemoWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void open(FxRobot robot, boolean demo) throws Exception {
        data = demo ? DemoData.open() : DemoData.empty();
        robot.interact(() -> window = DemoWindow.show(data, stage, Theme.LIGHT));
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        if (window != null) {
            robot.interact(window::close);
        }
        if (data != null) {
            data.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static TableView<SourceStatus> table(FxRobot robot) {
        return robot.lookup("#sourcesTable").queryAs(TableView.class);
    }

    /** The rows as "name: state", read on the JavaFX thread (the list changes there). */
    private static List<String> rows(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> table(robot).getItems().stream().map(s -> s.name() + ": " + s.state()).toList())
                .get(10, TimeUnit.SECONDS);
    }

    private static void clickRow(FxRobot robot, String name) {
        robot.clickOn(robot.lookup("#sourcesTable .table-row-cell").match(n -> n instanceof TableRow<?> row
                && row.getItem() instanceof SourceStatus s && s.name().equals(name)).<Node>query());
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    @Test
    void aSourceIsPausedRenamedAndRemovedFromTheWindowAndTheSelectionStays(FxRobot robot) throws Exception {
        open(robot, true);
        ShellViewHandle shell = new ShellViewHandle(robot);
        robot.interact(() -> window.workbench().shell().show(Page.SOURCES));
        // The demo repository has a dvc.yaml, so its DVC pipeline comes with it as a source of its own (ADR 32).
        waitFor(() -> rows(robot).equals(List.of("demo-ml-project: up to date", "demo-mlflow: up to date",
                "dvc:demo-ml-project: up to date")));

        clickRow(robot, DemoService.MLFLOW_SOURCE_NAME);
        robot.clickOn("#sourcesPause");
        waitFor(() -> rows(robot).contains("demo-mlflow: paused"));
        assertEquals("Resume", ((Labeled) robot.lookup("#sourcesPause").query()).getText());
        assertTrue(shell.sourceDot("demo-mlflow")[0].equals("source-dot-idle"), shell.sourceDot("demo-mlflow")[0]);
        assertTrue(data.source(DemoService.MLFLOW_SOURCE_NAME).paused());
        assertEquals("demo-mlflow", table(robot).getSelectionModel().getSelectedItem().name(), "still selected");
        robot.clickOn("#sourcesPause");
        waitFor(() -> rows(robot).contains("demo-mlflow: up to date"));

        robot.clickOn("#sourcesEdit");
        waitFor(() -> robot.lookup("#editSourceDialog").tryQuery().isPresent());
        TextField name = robot.lookup("#editSourceDialog #sourceField-name").queryAs(TextField.class);
        robot.interact(name::clear);
        robot.clickOn(name).write("tracking");
        robot.clickOn("#editSourceSave");
        waitFor(() -> rows(robot).contains("tracking: up to date"));
        assertEquals("tracking", table(robot).getSelectionModel().getSelectedItem().name(), "the renamed row stays selected");
        waitFor(() -> shell.sourceStates().contains("tracking: up to date"));

        robot.clickOn("#sourcesRemove");
        waitFor(() -> robot.lookup("#removeSourceDialog").tryQuery().isPresent());
        String asked = robot.lookup("#removeSourceDialog .content").queryAs(Labeled.class).getText();
        assertTrue(asked.contains(" runs") && asked.contains("lineage edges") && asked.contains("is not touched"), asked);
        robot.clickOn("#removeSourceConfirm");
        waitFor(() -> rows(robot).equals(List.of("demo-ml-project: up to date", "dvc:demo-ml-project: up to date")));
        assertTrue(((Labeled) robot.lookup("#sourcesMessage").query()).getText().startsWith("Removed tracking ("));
        assertTrue(data.context().experiments().sources().isEmpty());
        robot.interact(() -> window.workbench().shell().show(Page.EXPERIMENTS));
        waitFor(() -> robot.lookup("#experimentsNoSource").query().isVisible());
    }

    @Test
    void aCiSourcesServerAndTokenVariableAreEditedInTheWindowAndAWrongAddressIsRefused(FxRobot robot) throws Exception {
        data = DemoData.empty();
        data.context().pipelines().addGitLab("https://gitlab.old.example", "acme/churn", "OLD_TOKEN", true, "churn-ci");
        robot.interact(() -> window = DemoWindow.show(data, stage, Theme.LIGHT));
        robot.interact(() -> window.workbench().shell().show(Page.SOURCES));
        waitFor(() -> rows(robot).stream().anyMatch(r -> r.startsWith("churn-ci:")));
        clickRow(robot, "churn-ci");
        robot.clickOn("#sourcesEdit");
        waitFor(() -> robot.lookup("#editSourceDialog").tryQuery().isPresent());
        TextField url = robot.lookup("#editSourceDialog #sourceField-url").queryAs(TextField.class);
        TextField token = robot.lookup("#editSourceDialog #sourceField-token_env").queryAs(TextField.class);
        assertEquals("https://gitlab.old.example", url.getText());
        assertEquals("OLD_TOKEN", token.getText());
        assertTrue(robot.lookup("#editSourceDialog #sourceField-project").tryQuery().isEmpty(),
                "the project a source follows is fixed: its cached runs belong to it");
        assertTrue(VisibleText.clipped(robot.lookup("#editSourceDialog").queryParent()).isEmpty(),
                VisibleText.clipped(robot.lookup("#editSourceDialog").queryParent()).toString());

        robot.interact(() -> url.setText("gitlab.new.example"));
        robot.clickOn("#editSourceSave");
        waitFor(() -> ((Labeled) robot.lookup("#editSourceError").query()).getText().startsWith("Not an http(s) address: gitlab.new.example"));
        assertEquals("https://gitlab.old.example", data.source("churn-ci").config("url"), "nothing changes on a refusal");

        robot.interact(() -> {
            url.setText("https://gitlab.new.example/");
            token.setText("NEW_TOKEN");
        });
        robot.clickOn("#editSourceSave");
        waitFor(() -> robot.lookup("#editSourceDialog").tryQuery().isEmpty());
        dev.braid.sync.Source edited = data.source("churn-ci");
        assertEquals("https://gitlab.new.example", edited.config("url"));
        assertEquals("NEW_TOKEN", edited.config("token_env"));
        assertEquals("acme/churn", edited.config("project"));
        assertEquals("true", edited.config("oauth"), "settings the dialog does not show are kept");
    }

    @Test
    void aFirstSyncThatFailsIsSaidInWordsAndTheSourceCanBeDroppedThenARepositoryIsAddedAndShown(FxRobot robot) throws Exception {
        open(robot, false);
        Path notADatabase = data.folder().resolve("mlflow.db");
        Files.writeString(notADatabase, "not a database");
        Path repository = dev.braid.ui.GitFixture.mergeRepository(data.folder().resolve("weather-model"));
        robot.interact(() -> window.workbench().showAddSource("mlflow"));
        waitFor(() -> robot.lookup("#sourceKinds").tryQuery().isPresent());
        AddSourceDialogHandle dialog = new AddSourceDialogHandle(robot);
        List<String> texts = List.of("Git repository", "Repository folder", "Clone from a URL", "MLflow experiments",
                "Tracking server", "mlflow.db file", "mlruns folder", "W&B runs", "W&B run folders", "W&B server", "OpenLineage events",
                "Import events", "CI pipelines", "GitLab CI", "GitHub Actions", "Jenkins job", "CircleCI", "Airflow",
                "Kubeflow Pipelines", "Artifact repositories", "JFrog Artifactory");
        List<String> shown = dialog.kindTexts();
        assertTrue(shown.size() >= 10, shown.toString());
        assertEquals(texts.subList(0, shown.size()), shown, "the list starts as the groups were registered");
        List<String> kinds = List.of("git-folder", "git-clone", "mlflow-server", "mlflow-db", "mlflow-mlruns", "wandb-folder", "wandb-server",
                "openlineage-file", "gitlab", "github", "jenkins", "circleci", "airflow", "kubeflow", "artifactory");
        assertEquals(kinds, dialog.kindIds());
        for (String kind : kinds) {
            dialog.chooseKind(kind);
            assertTrue(VisibleText.clipped(robot.lookup("#addSourceDialog").queryParent()).isEmpty(),
                    kind + ": " + VisibleText.clipped(robot.lookup("#addSourceDialog").queryParent()));
            assertFalse(dialog.fieldLabelsShownInFull().containsValue(false), kind + ": " + dialog.fieldLabelsShownInFull());
        }

        dialog.chooseKind("mlflow-db").enter("uri", notADatabase.toString()).clickAdd();
        waitFor(() -> robot.lookup("#removeFailedSource").query().isVisible());
        String error = dialog.error();
        assertTrue(error.contains("was added, but its first sync failed: "), error);
        assertFalse(error.matches("(?s).*\\b[A-Z]\\w+(Exception|Error)\\b.*"), "no Java class names: " + error);
        assertEquals(1, data.context().sources().list().size(), "kept until the person decides");
        robot.clickOn("#removeFailedSource");
        waitFor(() -> data.context().sources().list().isEmpty());
        waitFor(() -> dialog.error().contains("was removed; nothing of it is kept"));

        dialog.chooseKind("git-folder").enter("location", repository.toString()).clickAdd();
        waitFor(() -> !dialog.isOpen());
        waitFor(() -> robot.lookup("#repositoriesView").tryQuery().map(Node::isVisible).orElse(false));
        assertEquals(List.of("weather-model"), data.context().sources().list().stream().map(s -> s.name()).toList());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }
}
