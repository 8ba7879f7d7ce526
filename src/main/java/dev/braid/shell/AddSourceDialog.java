package dev.braid.shell;

import dev.braid.sync.Source;
import dev.braid.ui.ThemeApplier;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for a repository folder or clone URL and an optional name. Stays open while the source is
 * added (showing progress, with Cancel stopping a clone) and when adding fails (showing why).
 */
public final class AddSourceDialog {
    public static final ButtonType ADD = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
    private final AddSourceViewModel model;
    private final Dialog<Void> dialog = new Dialog<>();

    public AddSourceDialog(AddSourceViewModel model, Window owner, String title, String prompt, Consumer<Source> onAdded) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(prompt);
        dialog.getDialogPane().setId("addSourceDialog");
        String css = ThemeApplier.stylesheet();
        if (css != null) {
            dialog.getDialogPane().getStylesheets().add(css);
        }
        dialog.getDialogPane().getButtonTypes().addAll(ADD, ButtonType.CANCEL);

        TextField location = new TextField();
        location.setId("sourceLocation");
        location.setPromptText("/path/to/repository or https://host/team/project.git");
        location.setPrefColumnCount(36);
        location.textProperty().bindBidirectional(model.locationProperty());
        TextField name = new TextField();
        name.setId("sourceName");
        name.setPromptText("optional; taken from the folder or URL");
        name.textProperty().bindBidirectional(model.nameProperty());
        Label error = new Label();
        error.setId("addSourceError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.textProperty().bind(model.progressMessageProperty());
        VBox busy = new VBox(4, progress, progressText);
        busy.visibleProperty().bind(model.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.setPadding(new Insets(8, 0, 0, 0));
        form.addRow(0, new Label("Folder or URL"), location);
        form.addRow(1, new Label("Name"), name);
        form.add(error, 0, 2, 2, 1);
        form.add(busy, 0, 3, 2, 1);
        dialog.getDialogPane().setContent(form);

        Button add = (Button) dialog.getDialogPane().lookupButton(ADD);
        add.setId("addSourceConfirm");
        add.disableProperty().bind(model.busyProperty());
        add.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.add(source -> {
                dialog.close();
                onAdded.accept(source);
            });
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.addEventFilter(ActionEvent.ACTION, event -> {
            if (model.busyProperty().get()) {
                model.cancel();
            }
        });
        dialog.setOnShown(event -> location.requestFocus());
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
