package dev.braid.shell.sources;

import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.StringProperty;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The chosen kind's title, what it is, and its fields: a label that always shows in full, a text
 * field (with Browse… for files and folders) and a line of help where the field has one.
 */
final class SourceFieldsPane {
    private final AddSourceViewModel model;
    private final Label title = new Label();
    private final Label description = new Label();
    private final VBox fieldsBox = new VBox();
    private final VBox root;
    private TextField first;

    SourceFieldsPane(AddSourceViewModel model) {
        this.model = model;
        title.setId("sourceKindTitle");
        title.getStyleClass().add("title-3");
        title.setMnemonicParsing(false);
        description.setId("sourceKindDescription");
        description.setWrapText(true);
        description.setMinHeight(Region.USE_PREF_SIZE);
        description.getStyleClass().add("text-muted");
        root = new VBox(10, title, description, fieldsBox);
        show(model.selectedProperty().get());
        model.selectedProperty().addListener((obs, old, now) -> show(now));
        fieldsBox.disableProperty().bind(model.stageProperty().isNotEqualTo(AddSourceViewModel.Stage.EDITING));
    }

    Node node() {
        return root;
    }

    void focusFirst() {
        if (first != null) {
            first.requestFocus();
        }
    }

    private void show(SourceForm form) {
        if (form == null) {
            return;
        }
        title.setText(form.title());
        description.setText(form.description());
        GridPane grid = grid(form.fields(), field -> model.value(form, field.key()));
        first = (TextField) grid.lookup(".source-field-input");
        fieldsBox.getChildren().setAll(grid);
    }

    /** Label, input and help for each of {@code fields}, bound to the properties {@code values} gives. */
    static GridPane grid(List<SourceField> fields, Function<SourceField, StringProperty> values) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, inputs);
        int row = 0;
        for (SourceField field : fields) {
            Label label = new Label(field.label());
            label.setMnemonicParsing(false);
            label.setMinWidth(Region.USE_PREF_SIZE);
            TextField input = new TextField();
            input.setId("sourceField-" + field.key());
            input.getStyleClass().add("source-field-input");
            input.setPromptText(field.prompt());
            input.setPrefColumnCount(30);
            input.textProperty().bindBidirectional(values.apply(field));
            label.setLabelFor(input);
            Node control = input;
            if (field.type() == SourceField.Type.FOLDER || field.type() == SourceField.Type.FILE) {
                Button browse = new Button("Browse…");
                browse.setId("sourceBrowse-" + field.key());
                browse.setMinWidth(Region.USE_PREF_SIZE);
                browse.setOnAction(event -> browse(field, input));
                HBox.setHgrow(input, Priority.ALWAYS);
                HBox box = new HBox(6, input, browse);
                control = box;
            }
            GridPane.setValignment(label, VPos.CENTER);
            grid.add(label, 0, row);
            grid.add(control, 1, row);
            row++;
            if (!field.help().isEmpty()) {
                Label help = new Label(field.help());
                help.getStyleClass().addAll("text-muted", "text-small");
                help.setWrapText(true);
                help.setMinHeight(Region.USE_PREF_SIZE);
                grid.add(help, 1, row++);
            }
            grid.add(spacer(), 1, row++);
        }
        return grid;
    }

    private static Region spacer() {
        Region gap = new Region();
        gap.setMinHeight(6);
        return gap;
    }

    private static void browse(SourceField field, TextField input) {
        File start = input.getText() == null || input.getText().isBlank() ? null : new File(input.getText().strip());
        File chosen;
        if (field.type() == SourceField.Type.FOLDER) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(field.label());
            if (start != null && start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            chosen = chooser.showDialog(input.getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(field.label());
            if (start != null && start.getParentFile() != null && start.getParentFile().isDirectory()) {
                chooser.setInitialDirectory(start.getParentFile());
            }
            chosen = chooser.showOpenDialog(input.getScene().getWindow());
        }
        if (chosen != null) {
            input.setText(chosen.getAbsolutePath());
        }
    }
}
