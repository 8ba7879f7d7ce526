package dev.braid.experiments.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** A searchable list of every param, metric and tag key with a check box to show it as a column. */
final class ColumnChooser {
    private final VBox root;

    ColumnChooser(ColumnChoice choice) {
        TextField search = new TextField();
        search.setId("columnSearch");
        search.setPromptText("Search keys");
        search.textProperty().addListener((obs, old, now) -> choice.search(now));
        ListView<RunColumn> keys = new ListView<>(choice.matching());
        keys.setId("columnKeys");
        keys.setCellFactory(CheckBoxListCell.forListView(choice::shownProperty, new StringConverter<>() {
            @Override
            public String toString(RunColumn column) {
                return column == null ? "" : column.id();
            }

            @Override
            public RunColumn fromString(String text) {
                return null;
            }
        }));
        keys.setPlaceholder(new Label("No keys in the loaded runs."));
        VBox.setVgrow(keys, Priority.ALWAYS);
        Label title = new Label("Columns");
        title.getStyleClass().add("title-4");
        root = new VBox(6, title, search, keys);
        root.setPadding(new Insets(0, 0, 0, 6));
        root.setPrefWidth(240);
        root.setMinWidth(180);
        root.setId("columnChooser");
        root.getStyleClass().add("column-chooser");
    }

    Node node() {
        return root;
    }
}
