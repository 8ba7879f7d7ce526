package dev.braid.lineage.ui;

import dev.braid.lineage.GraphExport;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Lineage explorer screen: search and tools on top, the graph in the middle (with the search
 * results floating over it), the selected node's details on the right and a status line below.
 * Keyboard on the graph: arrows move the selection (left upstream, right downstream, up and down
 * among siblings), Enter expands or collapses, F fits, + and − zoom.
 */
public final class LineageExplorerView {
    private final LineageExplorerViewModel model;
    private final LineageReceiverViewModel receiver;
    private final ExportFiles files;
    private final GraphCanvas canvas = new GraphCanvas();
    private final TextField search = new TextField();
    private final ListView<LineageNode> results = new ListView<>();
    private final BorderPane root = new BorderPane();
    /** The highlighted paths last brought into view, so later layouts do not move the view again. */
    private PathHighlight framed = PathHighlight.NONE;

    public LineageExplorerView(LineageExplorerViewModel model) {
        this(model, null, ExportFiles.DIALOG);
    }

    public LineageExplorerView(LineageExplorerViewModel model, ExportFiles files) {
        this(model, null, files);
    }

    /** {@code receiver} may be null: the toolbar then has no receiver switch. */
    public LineageExplorerView(LineageExplorerViewModel model, LineageReceiverViewModel receiver, ExportFiles files) {
        this.model = model;
        this.receiver = receiver;
        this.files = files;
        canvas.setId("lineageGraph");
        root.setId("lineageExplorer");
        root.getStyleClass().add("lineage-explorer");
        SplitPane split = new SplitPane(centre(), new NodeDetailsPane(model).node());
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        root.setCenter(split);
        Label status = new Label();
        status.setId("lineageStatus");
        status.getStyleClass().add("status-message");
        status.textProperty().bind(model.statusProperty());
        HBox bottom = new HBox(12, status);
        bottom.getStyleClass().add("lineage-status");
        root.setBottom(bottom);
        root.setTop(toolbar(bottom));
        wire();
        model.open();
    }

    public Node node() {
        return root;
    }

    /** The drawing, for tests and benchmarks that wait for paints. */
    public GraphCanvas canvas() {
        return canvas;
    }

    private Node toolbar(HBox bottom) {
        search.setId("lineageSearch");
        search.setPromptText("Find a node by name or id…");
        search.setPrefColumnCount(28);
        search.textProperty().addListener((obs, old, now) -> model.search(now));
        search.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && !results.getItems().isEmpty()) {
                choose(results.getItems().get(0));
            } else if (event.getCode() == KeyCode.DOWN && !results.getItems().isEmpty()) {
                results.requestFocus();
                results.getSelectionModel().selectFirst();
            }
        });
        MenuButton recent = new StartMenu(model, this::choose).node();
        MenuButton kinds = new KindFilterMenu(model).node();
        AsOfSlider asOf = new AsOfSlider(model);
        Button zoomOut = tool(Feather.ZOOM_OUT, "Zoom out (−)", "zoomOut", () -> canvas.zoom(1 / 1.25));
        Button zoomIn = tool(Feather.ZOOM_IN, "Zoom in (+)", "zoomIn", () -> canvas.zoom(1.25));
        Button fit = tool(Feather.MAXIMIZE, "Fit the graph (F)", "fitButton", canvas::fit);
        MenuButton export = new MenuButton("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("exportMenu");
        for (String format : new String[] {"png", "svg", "dot", "json"}) {
            MenuItem item = new MenuItem(format.equals("dot") ? "Graphviz DOT…" : format.toUpperCase(java.util.Locale.ROOT) + "…");
            item.setId("export-" + format);
            item.setOnAction(e -> export(format));
            export.getItems().add(item);
        }
        export.disableProperty().bind(Bindings.createBooleanBinding(() -> model.shownProperty().get().nodes().isEmpty(),
                model.shownProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The menus keep their labels; the search field gives way when the window is narrow.
        kinds.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        search.setMinWidth(160);
        HBox bar = new HBox(8, new FontIcon(Feather.SEARCH), search, recent, kinds, asOf.node(), spacer, zoomOut, zoomIn, fit, export);
        if (receiver != null) {
            ReceiverToggle toggle = new ReceiverToggle(receiver);
            bar.getChildren().add(toggle.node());
            bottom.getChildren().add(toggle.message());
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("lineage-toolbar");
        return bar;
    }

    private Node centre() {
        results.setId("lineageSearchResults");
        results.getStyleClass().add("search-results");
        results.setItems(model.searchResults());
        results.setMaxWidth(520);
        results.setFixedCellSize(44);
        results.maxHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(360, model.searchResults().size() * 44 + 4.0), model.searchResults()));
        results.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LineageNode node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : node.name() + "\n" + node.id().value());
                setGraphic(empty || node == null ? null : new FontIcon(KindIcons.of(node.kind())));
            }
        });
        results.setOnMouseClicked(e -> {
            if (results.getSelectionModel().getSelectedItem() != null) {
                choose(results.getSelectionModel().getSelectedItem());
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && results.getSelectionModel().getSelectedItem() != null) {
                choose(results.getSelectionModel().getSelectedItem());
            }
        });
        results.visibleProperty().bind(Bindings.isNotEmpty(model.searchResults())
                .and(search.focusedProperty().or(results.focusedProperty())));
        Label empty = new Label();
        empty.setId("lineageEmpty");
        empty.textProperty().bind(Bindings.createStringBinding(() -> !model.startLoadedProperty().get()
                ? "Reading the lineage graph from the cache…"
                : model.startList().isEmpty()
                ? "The lineage graph is empty. Add a git repository or an MLflow source with Add source… in the toolbar"
                + " (their lineage is derived after each sync), import an OpenLineage events file there, or switch on"
                + " Receive events."
                : "Find a commit, dataset, run or model above, or pick one under Recent, to see where it came from and what it feeds.",
                model.startList(), model.startLoadedProperty()));
        javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.startLoadedProperty().not().or(model.busyProperty()));
        spinner.managedProperty().bind(spinner.visibleProperty());
        empty.setGraphic(spinner);
        empty.getStyleClass().addAll("text-muted", "lineage-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(460);
        empty.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.shownProperty().get().nodes().isEmpty(),
                model.shownProperty()));
        empty.setMouseTransparent(true);
        StackPane centre = new StackPane(canvas, empty, results);
        StackPane.setAlignment(results, Pos.TOP_LEFT);
        centre.setMinSize(0, 0);
        return centre;
    }

    private void wire() {
        canvas.setOnNodeClick(click -> {
            if (click.badge()) {
                model.select(click.node());
                model.toggleExpanded(click.node());
            } else if (click.clicks() == 2 && !GraphFolding.isCluster(click.node())) {
                model.toggleExpanded(click.node());
            } else {
                model.click(click.node(), click.additive());
            }
        });
        model.shownProperty().addListener((obs, old, now) -> {
            LineageNode selected = model.selectedProperty().get();
            java.util.List<dev.braid.lineage.NodeId> expanded = model.expansionProperty().get();
            // An expanded node keeps its place on screen; what it brought in is then brought into view.
            canvas.setGraph(now, expanded != null ? expanded.get(0) : selected == null ? null : selected.id());
            if (expanded != null && now.byId().keySet().containsAll(expanded.subList(0, 1))) {
                canvas.bringIntoView(expanded);
                model.expansionShown();
            }
            marks();
            PathHighlight path = model.pathProperty().get();
            if (path != framed && !path.nodes().isEmpty()) {
                framed = path;
                canvas.frame(path.nodes());
            }
        });
        model.focusProperty().addListener((obs, old, now) -> canvas.setGraph(LaidOutGraph.EMPTY, null));
        model.selectedProperty().addListener((obs, old, now) -> {
            marks();
            if (now != null) {
                canvas.reveal(now.id());
            }
        });
        model.secondProperty().addListener((obs, old, now) -> marks());
        model.pathProperty().addListener((obs, old, now) -> marks());
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    private void marks() {
        LineageNode selected = model.selectedProperty().get();
        LineageNode second = model.secondProperty().get();
        canvas.setMarks(selected == null ? null : selected.id(), second == null ? null : second.id(),
                model.pathProperty().get(), model::isExpanded);
    }

    private void key(KeyEvent event) {
        switch (event.getCode()) {
            case LEFT -> model.move(Move.UPSTREAM);
            case RIGHT -> model.move(Move.DOWNSTREAM);
            case UP -> model.move(Move.PREVIOUS_SIBLING);
            case DOWN -> model.move(Move.NEXT_SIBLING);
            case ENTER -> {
                LineageNode selected = model.selectedProperty().get();
                if (selected != null && GraphFolding.isCluster(selected.id())) {
                    model.click(selected.id(), false);
                } else if (selected != null) {
                    model.toggleExpanded(selected.id());
                }
            }
            case F -> canvas.fit();
            case PLUS, EQUALS, ADD -> canvas.zoom(1.25);
            case MINUS, SUBTRACT -> canvas.zoom(1 / 1.25);
            default -> {
                return;
            }
        }
        event.consume();
    }

    private void choose(LineageNode node) {
        model.focus(node.id());
        canvas.requestFocus();
    }

    private void export(String format) {
        Path file = files.choose(format, root.getScene() == null ? null : root.getScene().getWindow());
        if (file == null) {
            return;
        }
        if (format.equals("png")) {
            GraphSnapshot.take(canvas, model.shownProperty().get(), (w, h, pixels) -> model.exportPng(file, w, h, pixels));
        } else {
            model.export(GraphExport.Format.of(format), file);
        }
    }

    private Button tool(Feather icon, String tip, String id, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.getStyleClass().add("flat");
        button.setOnAction(e -> action.run());
        return button;
    }
}
