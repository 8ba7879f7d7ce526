package dev.braid.experiments.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The runs table's columns: the run attributes to show or hide, then a search over every param,
 * metric and tag key (by its full name, {@code metrics.val_auc}) with a check box to show it. The
 * choice is remembered for the experiments shown.
 */
final class ColumnChooser {
    private final VBox root;

    ColumnChooser(ColumnChoice choice) {
        FlowPane attributes = new FlowPane(8, 4);
        for (RunColumn attribute : choice.attributes()) {
            CheckBox box = new CheckBox(attribute.title());
            box.setMnemonicParsing(false);
            box.setId("attribute-" + attribute.id());
            box.selectedProperty().bindBidirectional(choice.shownProperty(attribute));
            attributes.getChildren().add(box);
        }
        TextField search = new TextField();
        search.setId("columnSearch");
        search.setPromptText("Search metrics, params and tags");
        search.textProperty().addListener((obs, old, now) -> choice.search(now));
        ListView<RunColumn> keys = new ListView<>(choice.matching());
        keys.setId("columnKeys");
        StringConverter<RunColumn> names = new StringConverter<>() {
            @Override
            public String toString(RunColumn column) {
                return column == null ? "" : column.id();
            }

            @Override
            public RunColumn fromString(String text) {
                return null;
            }
        };
        keys.setCellFactory(list -> {
            CheckBoxListCell<RunColumn> cell = new CheckBoxListCell<>(choice::shownProperty, names) {
                @Override
                public void updateItem(RunColumn column, boolean empty) {
                    super.updateItem(column, empty);
                    setMnemonicParsing(false);
                    setTooltip(empty || column == null ? null : new Tooltip(column.id()));
                }
            };
            return cell;
        });
        keys.setPlaceholder(new Label("No metric, param or tag matches."));
        VBox.setVgrow(keys, Priority.ALWAYS);
        Label title = new Label("Columns");
        title.getStyleClass().add("title-4");
        Label keysTitle = new Label("Metrics, params and tags");
        keysTitle.getStyleClass().add("text-muted");
        root = new VBox(6, title, attributes, keysTitle, search, keys);
        root.setPadding(new Insets(0, 0, 0, 6));
        root.setPrefWidth(280);
        root.setMinWidth(220);
        root.setId("columnChooser");
        root.getStyleClass().add("column-chooser");
    }

    Node node() {
        return root;
    }
}
