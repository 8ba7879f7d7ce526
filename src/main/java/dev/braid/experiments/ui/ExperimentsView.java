package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.KeptSelection;
import java.io.File;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Experiments screen: experiments on the left; on the right tabs with the runs table (filter,
 * column chooser, compare, export) and each opened run or comparison.
 */
public final class ExperimentsView {
    private final ExperimentsViewModel model;
    private final StackPane root = new StackPane();
    private final TabPane tabs = new TabPane();
    private final TableView<RunSummary> table;
    private final Tab modelsTab;

    public ExperimentsView(ExperimentsViewModel model) {
        this(model, null);
    }

    /** With {@code versionPanel} (may be null) under the Models tab's versions table. */
    public ExperimentsView(ExperimentsViewModel model, VersionPanel versionPanel) {
        this.model = model;
        KeptSelection<ExperimentEntry, String> keptExperiments = new KeptSelection<>(model.experiments(),
                e -> e.experiment().sourceId() + "/" + e.experiment().experimentId());
        ListView<ExperimentEntry> list = new ListView<>(keptExperiments.items());
        keptExperiments.attach(list.getSelectionModel());
        list.setId("experimentList");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(view -> new ExperimentCell(model.stars()));
        model.stars().experiments().addListener((javafx.collections.SetChangeListener<Object>) change -> list.refresh());
        list.setPlaceholder(loadingOr(model.experimentsLoadedProperty(), "Reading the experiments from the cache…",
                "No experiments synced yet: sync the MLflow source (Sync now), or check its state on the Sources page."));
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<ExperimentEntry>) change -> {
            // A sync refreshing the list is not the person choosing other experiments.
            if (!keptExperiments.restoring()) {
                model.selectExperiments(List.copyOf(list.getSelectionModel().getSelectedItems()));
            }
        });
        list.setMinWidth(0);
        // Another screen (the search) chose experiments: the list shows that choice.
        model.selectedExperiments().addListener((ListChangeListener<ExperimentEntry>) change -> {
            if (!List.copyOf(list.getSelectionModel().getSelectedItems()).equals(List.copyOf(model.selectedExperiments()))) {
                list.getSelectionModel().clearSelection();
                for (ExperimentEntry entry : model.selectedExperiments()) {
                    int index = list.getItems().indexOf(entry);
                    if (index >= 0) {
                        list.getSelectionModel().select(index);
                        list.scrollTo(index);
                    }
                }
            }
        });

        table = RunsTable.create(model);
        table.setPlaceholder(loadingOr(model.experimentsLoadedProperty().and(model.loadingProperty().not()),
                "Reading the runs from the cache…", "No runs match. Choose other experiments or change the filter."));
        table.setRowFactory(view -> {
            TableRow<RunSummary> row = new TableRow<>();
            row.indexProperty().addListener((obs, old, index) -> {
                if (index.intValue() >= 0 && index.intValue() < table.getItems().size()) {
                    model.rowShown(index.intValue());
                }
            });
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    openDetail(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                openDetail(table.getSelectionModel().getSelectedItem());
            }
        });
        Node chooser = new ColumnChooser(model.columns()).node();
        ToggleButton columns = new ToggleButton("Columns…");
        columns.setMnemonicParsing(false);
        columns.setId("columnsButton");
        chooser.visibleProperty().bind(columns.selectedProperty());
        chooser.managedProperty().bind(columns.selectedProperty());
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox tableAndChooser = new HBox(table, chooser);
        VBox.setVgrow(tableAndChooser, Priority.ALWAYS);

        GroupTable groups = new GroupTable(model.grouping());
        groups.onOpen(group -> {
            table.getSelectionModel().clearSelection();
            group.runs().forEach(run -> table.getSelectionModel().select(run));
        });
        // The count sits under the table, where the rows it counts end, and always has the width it needs.
        Label status = new Label();
        status.setId("runsStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        VBox runsPane = new VBox(6, FilterBox.create(model), toolbar(columns, groups.chooser()), groups.table(),
                tableAndChooser, status);
        runsPane.setPadding(new Insets(8));
        runsPane.setMinSize(0, 0);
        Tab runsTab = new Tab("Runs", runsPane);
        runsTab.setClosable(false);
        modelsTab = new Tab("Models", new ModelRegistryView(model.registry(), versionPanel).node());
        modelsTab.setId("modelsTab");
        modelsTab.setClosable(false);
        model.registry().setRunOpener(this::openDetail);
        model.runToOpenProperty().addListener((obs, old, run) -> {
            if (run != null) {
                tabs.getSelectionModel().select(0);
                openDetail(run);
                model.runOpened();
            }
        });
        model.modelsRequestedProperty().addListener((obs, old, now) -> tabs.getSelectionModel().select(modelsTab));
        tabs.getTabs().addAll(runsTab, modelsTab);
        tabs.setId("experimentTabs");
        tabs.setMinSize(0, 0);

        SplitPane split = new SplitPane(list, tabs);
        split.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(list, false);
        Node empty = noSourcesNote(model);
        split.visibleProperty().bind(model.noSourcesProperty().not());
        empty.visibleProperty().bind(model.noSourcesProperty());
        root.getChildren().addAll(split, empty);
        root.setId("experimentsView");
        root.getStyleClass().add("experiments-view");
        root.setMinSize(0, 0);
        model.refresh();
    }

    public Node node() {
        return root;
    }

    private Node toolbar(ToggleButton columns, Node groupBy) {
        Button compare = new Button("Compare");
        compare.setId("compareButton");
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2));
        compare.setOnAction(e -> {
            CompareViewModel comparison = model.compare(List.copyOf(table.getSelectionModel().getSelectedItems()));
            if (comparison != null) {
                openTab("Compare (" + comparison.runs().size() + ")", new CompareView(comparison).node());
            }
        });
        Button export = new Button("Export CSV…");
        export.setId("exportButton");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export runs as CSV");
            chooser.setInitialFileName("runs.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
            File file = chooser.showSaveDialog(table.getScene().getWindow());
            if (file != null) {
                model.exportCsv(file.toPath(), List.copyOf(table.getItems()));
            }
        });
        CheckBox nested = new CheckBox("Nest child runs");
        nested.setId("nestRuns");
        nested.setSelected(model.nesting().nestedProperty().get());
        nested.selectedProperty().addListener((obs, old, now) -> model.nesting().setNested(now));
        CheckBox starred = new CheckBox("Starred only");
        starred.setId("starredOnly");
        starred.selectedProperty().addListener((obs, old, now) -> model.setStarredOnly(now));
        HBox bar = new HBox(8, columns, groupBy, nested, starred, compare, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        // The controls keep their size and readable labels; on a narrow window the row is clipped instead.
        for (Node control : List.of(columns, nested, starred, compare, export)) {
            ((javafx.scene.layout.Region) control).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        return bar;
    }

    private void openDetail(RunSummary run) {
        RunDetailViewModel detail = model.detail(run);
        detail.setRunOpener(this::openDetail);
        detail.setRegistryOpener(focus -> {
            tabs.getSelectionModel().select(modelsTab);
            model.registry().focus(focus);
        });
        openTab(detail.title(), new RunDetailView(detail).node());
    }

    private void openTab(String title, Node content) {
        Tab tab = new Tab(title, content);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    /** A placeholder: a spinner and "reading…" until {@code loaded}, then what to do about nothing being there. */
    static Node loadingOr(javafx.beans.value.ObservableBooleanValue loaded, String loading, String empty) {
        javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
        spinner.setPrefSize(24, 24);
        Label reading = new Label(loading, spinner);
        reading.getStyleClass().add("loading-note");
        Label none = new Label(empty);
        none.setWrapText(true);
        none.setMaxWidth(420);
        none.getStyleClass().add("empty-note");
        reading.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !loaded.get(), loaded));
        none.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(loaded::get, loaded));
        return new StackPane(reading, none);
    }

    private static Node noSourcesNote(ExperimentsViewModel model) {
        Label title = new Label("No MLflow source yet");
        title.getStyleClass().add("title-2");
        Label how = new Label("Add an MLflow tracking server, a local mlflow.db or an mlruns folder. Its experiments, runs and "
                + "registered models appear here after its first sync, and stay readable offline.");
        how.setWrapText(true);
        how.setMaxWidth(640);
        Button add = new Button("Add an MLflow source…");
        add.setId("experimentsAddSource");
        add.setDefaultButton(true);
        add.setOnAction(e -> model.addSource());
        Label command = new Label("From a terminal: braid mlflow add http://127.0.0.1:5000 --name tracking");
        command.getStyleClass().add("text-muted");
        Label then = new Label("Servers that need credentials take the names of the environment variables holding them; "
                + "secrets are read from the environment, never stored.");
        then.setWrapText(true);
        then.setMaxWidth(640);
        then.getStyleClass().add("text-muted");
        VBox note = new VBox(12, title, how, add, command, then);
        note.setId("experimentsNoSource");
        note.getStyleClass().add("placeholder-page");
        note.setAlignment(Pos.TOP_LEFT);
        return note;
    }
}
