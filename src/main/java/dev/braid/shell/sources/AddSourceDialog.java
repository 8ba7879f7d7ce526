package dev.braid.shell.sources;

import dev.braid.shell.sources.AddSourceViewModel.Stage;
import dev.braid.sync.Source;
import dev.braid.ui.ThemeApplier;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Add-source dialog: every kind of source on the left under its group, the chosen kind's
 * fields on the right ({@link SourceFieldsPane}). It stays open while the source is added and
 * synced for the first time (with progress; Cancel stops a clone), shows a refusal where it
 * happened, and after a failed first sync offers "Keep it" or "Remove it". Close leaves a first
 * sync running in the background.
 */
public final class AddSourceDialog {
    private final AddSourceViewModel model;
    private final Dialog<Void> dialog = new Dialog<>();

    public AddSourceDialog(AddSourceViewModel model, Window owner, Consumer<Source> onAdded) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle("Add source");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("addSourceDialog");
        String css = ThemeApplier.stylesheet();
        if (css != null) {
            dialog.getDialogPane().getStylesheets().add(css);
        }
        if (owner != null && owner.getScene() != null && owner.getScene().getRoot() != null) {
            // The dialog's pane is a root of its own: it takes the window's theme class (light or dark).
            dialog.getDialogPane().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.equals("dark")));
        }
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Button close = (Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId("addSourceClose");
        close.textProperty().bind(Bindings.createStringBinding(() -> model.stageProperty().get() == Stage.EDITING
                ? "Cancel" : model.stageProperty().get() == Stage.WORKING && model.addedProperty().get() == null ? "Cancel"
                : "Close", model.stageProperty(), model.addedProperty()));
        close.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            if (model.stageProperty().get() == Stage.WORKING && model.addedProperty().get() == null) {
                // Adding (a clone): Cancel stops it, and the dialog stays to say so.
                model.cancel();
                event.consume();
            }
        });
        dialog.setOnHidden(event -> model.close());

        ListView<SourceForm> kinds = kindList();
        SourceFieldsPane fields = new SourceFieldsPane(model);
        VBox right = new VBox(12, fields.node(), feedback(), buttons(onAdded));
        right.setPadding(new Insets(0, 0, 0, 16));
        right.setMinWidth(420);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox content = new HBox(kinds, right);
        content.setPrefSize(860, 480);
        dialog.getDialogPane().setPrefWidth(900);
        dialog.getDialogPane().setMinWidth(760);
        dialog.getDialogPane().setContent(content);
        model.stageProperty().addListener((obs, old, now) -> {
            if (now == Stage.FINISHED && dialog.isShowing()) {
                dialog.close();
            }
        });
        dialog.setOnShown(event -> fields.focusFirst());
    }

    private ListView<SourceForm> kindList() {
        ListView<SourceForm> kinds = new ListView<>();
        kinds.setId("sourceKinds");
        kinds.getItems().setAll(model.allForms());
        kinds.setPrefWidth(250);
        kinds.setMinWidth(230);
        kinds.setCellFactory(list -> new KindCell());
        kinds.getSelectionModel().select(model.selectedProperty().get());
        kinds.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> kinds.getSelectionModel().select(now));
        kinds.disableProperty().bind(model.stageProperty().isNotEqualTo(Stage.EDITING));
        return kinds;
    }

    /** A kind: its group's icon and title above the first kind of each group, then the kind's title. */
    private final class KindCell extends ListCell<SourceForm> {
        @Override
        protected void updateItem(SourceForm form, boolean empty) {
            super.updateItem(form, empty);
            setText(null);
            if (empty || form == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            setId("sourceKind-" + form.id());
            Label title = new Label(form.title());
            title.setMnemonicParsing(false);
            title.getStyleClass().add("source-kind-title");
            VBox box = new VBox(2);
            boolean first = model.forms().forms(form.group()).indexOf(form) == 0;
            if (first) {
                SourceGroup group = model.forms().group(form.group()).orElseThrow();
                Label heading = new Label(group.title(), new FontIcon(group.icon()));
                heading.setMnemonicParsing(false);
                heading.getStyleClass().add("source-kind-group");
                box.getChildren().add(heading);
            }
            title.setPadding(new Insets(0, 0, 0, 22));
            box.getChildren().add(title);
            setGraphic(box);
        }
    }

    /** The error or import summary, and progress while working. */
    private Node feedback() {
        Label error = new Label();
        error.setId("addSourceError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label result = new Label();
        result.setId("addSourceResult");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.textProperty().bind(model.resultProperty());
        result.visibleProperty().bind(model.resultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("addSourceProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.setId("addSourceProgressText");
        progressText.setWrapText(true);
        progressText.textProperty().bind(model.progressMessageProperty());
        Label background = new Label("You can close this window: the sync goes on, and the status bar shows how it ends.");
        background.getStyleClass().add("text-muted");
        background.setWrapText(true);
        background.visibleProperty().bind(model.addedProperty().isNotNull());
        background.managedProperty().bind(background.visibleProperty());
        VBox busy = new VBox(4, progress, progressText, background);
        busy.visibleProperty().bind(model.stageProperty().isEqualTo(Stage.WORKING));
        busy.managedProperty().bind(busy.visibleProperty());
        return new VBox(8, error, result, busy);
    }

    /** Add while editing; Keep it / Remove it after a failed first sync. */
    private Node buttons(Consumer<Source> onAdded) {
        Button add = new Button("Add");
        add.setId("addSourceConfirm");
        add.setDefaultButton(true);
        add.setOnAction(event -> model.add(onAdded));
        add.visibleProperty().bind(model.stageProperty().isEqualTo(Stage.EDITING).or(model.stageProperty().isEqualTo(Stage.WORKING)));
        add.disableProperty().bind(model.busyProperty());
        Button keep = new Button("Keep it, sync later");
        keep.setId("keepSource");
        keep.setOnAction(event -> model.keep());
        Button remove = new Button("Remove it");
        remove.setId("removeFailedSource");
        remove.getStyleClass().add("danger");
        remove.setOnAction(event -> model.removeAdded());
        remove.disableProperty().bind(model.busyProperty());
        for (Button failed : new Button[] {keep, remove}) {
            failed.visibleProperty().bind(model.stageProperty().isEqualTo(Stage.FIRST_SYNC_FAILED));
        }
        for (Button button : new Button[] {add, keep, remove}) {
            button.setMnemonicParsing(false);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.managedProperty().bind(button.visibleProperty());
        }
        HBox row = new HBox(8, add, keep, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Shows the dialog without waiting, so tests and the sync can carry on. */
    public void show() {
        dialog.show();
    }

    public Dialog<Void> dialog() {
        return dialog;
    }

    public AddSourceViewModel model() {
        return model;
    }
}
