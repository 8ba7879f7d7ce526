package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The side panel: the selected node's id, kind, name, status and properties, and what can be done with it. */
final class NodeDetailsPane {
    private final LineageExplorerViewModel model;
    private final Label title = new Label("Nothing selected");
    private final Label kind = new Label();
    private final GridPane rows = new GridPane();
    private final Label second = new Label();
    private final ScrollPane root;

    NodeDetailsPane(LineageExplorerViewModel model) {
        this.model = model;
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        title.setId("lineageDetailsTitle");
        kind.getStyleClass().add("text-muted");
        kind.setWrapText(true);
        rows.setId("lineageDetails");
        rows.setHgap(10);
        rows.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(70);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        rows.getColumnConstraints().setAll(labels, values);

        Button expand = new Button("Expand", new FontIcon(Feather.PLUS_CIRCLE));
        expand.setId("expandButton");
        Button focus = new Button("Focus", new FontIcon(Feather.CROSSHAIR));
        focus.setId("focusButton");
        Button open = new Button();
        open.setId("openLink");
        open.setGraphic(new FontIcon(Feather.EXTERNAL_LINK));
        open.textProperty().bind(model.linkLabelProperty());
        open.visibleProperty().bind(model.linkLabelProperty().isNotEmpty());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(e -> model.openLink());
        expand.setOnAction(e -> selected(node -> model.toggleExpanded(node.id())));
        focus.setOnAction(e -> selected(node -> model.focus(node.id())));
        HBox actions = new HBox(6, expand, focus);
        actions.disableProperty().bind(model.selectedProperty().isNull());
        second.setWrapText(true);
        second.getStyleClass().add("lineage-path-note");
        second.textProperty().bind(Bindings.createStringBinding(() -> model.secondProperty().get() == null ? ""
                : "Paths to " + model.secondProperty().get().name() + " are highlighted. Click without Ctrl to select one node.",
                model.secondProperty()));
        second.visibleProperty().bind(second.textProperty().isNotEmpty());
        second.managedProperty().bind(second.visibleProperty());

        VBox box = new VBox(10, title, kind, actions, open, second, rows);
        box.setPadding(new Insets(14));
        box.getStyleClass().add("lineage-details");
        root = new ScrollPane(box);
        root.setFitToWidth(true);
        root.setPrefWidth(300);
        root.setMinWidth(220);
        root.getStyleClass().add("lineage-details-scroll");
        model.details().addListener((ListChangeListener<DetailRow>) change -> showRows());
        model.selectedProperty().addListener((obs, old, now) -> {
            title.setText(now == null ? "Nothing selected" : dev.braid.lineage.NodeLabels.label(now));
            kind.setText(now == null ? "Search for a node, or click one in the graph." : now.kind().id());
            kind.setGraphic(now == null ? null : new FontIcon(KindIcons.of(now.kind())));
            expand.setText(now != null && model.isExpanded(now.id()) ? "Collapse" : "Expand");
        });
        model.shownProperty().addListener((obs, old, now) -> selected(node ->
                expand.setText(model.isExpanded(node.id()) ? "Collapse" : "Expand")));
        kind.setText("Search for a node, or click one in the graph.");
    }

    Node node() {
        return root;
    }

    private void selected(java.util.function.Consumer<LineageNode> action) {
        if (model.selectedProperty().get() != null) {
            action.accept(model.selectedProperty().get());
        }
    }

    private void showRows() {
        rows.getChildren().clear();
        int row = 0;
        for (DetailRow detail : model.details()) {
            LineageNode shown = model.selectedProperty().get();
            boolean nameIsTitle = shown != null && detail.value().equals(dev.braid.lineage.NodeLabels.label(shown));
            if (detail.label().equals("Name") && nameIsTitle || detail.label().equals("Kind")) {
                continue;
            }
            Label label = new Label(detail.label());
            label.getStyleClass().add("text-muted");
            label.setMnemonicParsing(false);
            label.setMinWidth(Region.USE_PREF_SIZE);
            // Ids and names are longer than the panel is wide: the value wraps (and selects for copying),
            // the tooltip shows it whole, and ids get a copy button.
            TextArea value = new TextArea(detail.value());
            value.setEditable(false);
            value.setWrapText(true);
            value.setPrefRowCount(Math.max(1, Math.min(4, (detail.value().length() + 27) / 28)));
            value.setTooltip(new Tooltip(detail.value()));
            value.getStyleClass().add("lineage-detail-value");
            if (detail.label().equals("Status")) {
                value.getStyleClass().add("status-" + dev.braid.lineage.NodeShape.statusClass(detail.value()));
            }
            rows.addRow(row++, label, value);
            if (detail.label().equals("Id")) {
                Button copy = new Button("Copy id", new FontIcon(Feather.COPY));
                copy.setId("copyNodeId");
                copy.setMnemonicParsing(false);
                copy.getStyleClass().add("small");
                copy.setOnAction(e -> {
                    javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
                    content.putString(detail.value());
                    javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
                });
                rows.add(copy, 1, row++);
            }
        }
    }
}
