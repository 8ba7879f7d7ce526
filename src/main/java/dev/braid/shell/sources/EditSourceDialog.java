package dev.braid.shell.sources;

import dev.braid.ui.ThemeApplier;
import dev.braid.ui.sources.SourceField;
import java.util.ArrayList;
import java.util.List;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Edits a source's name and settings; stays open to show a refusal. */
final class EditSourceDialog {
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    private final Dialog<Void> dialog = new Dialog<>();

    EditSourceDialog(EditSourceViewModel model, Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Edit " + model.source().name());
        dialog.setHeaderText(model.source().name() + " (" + model.source().kind() + ")");
        dialog.getDialogPane().setId("editSourceDialog");
        String css = ThemeApplier.stylesheet();
        if (css != null) {
            dialog.getDialogPane().getStylesheets().add(css);
        }
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.equals("dark")));
        }
        dialog.getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        List<SourceField> fields = new ArrayList<>();
        fields.add(SourceField.text("name", "Name", "", true));
        fields.addAll(model.fields());
        GridPane grid = SourceFieldsPane.grid(fields, field -> field.key().equals("name") ? model.nameProperty() : model.value(field.key()));
        Label note = new Label(model.fields().isEmpty() ? "Only the name of a " + model.source().kind() + " source can be changed here."
                : "The next sync uses the new settings.");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        Label error = new Label();
        error.setId("editSourceError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox content = new VBox(10, grid, note, error);
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);
        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.setId("editSourceSave");
        save.disableProperty().bind(model.busyProperty());
        save.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.save();
        });
        model.doneProperty().addListener((obs, old, now) -> {
            if (now) {
                dialog.close();
            }
        });
    }

    void show() {
        dialog.show();
    }
}
