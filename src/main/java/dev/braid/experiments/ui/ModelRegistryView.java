package dev.braid.experiments.ui;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Models tab: a name filter, the registered models, the chosen model's description, tags and
 * versions (source runs as links, and a "Lineage" link when the explorer is there), and the logged
 * models below.
 */
public final class ModelRegistryView {
    private static final String VERSION_PANEL = "braid.versionPanel";
    private final VBox root;

    public ModelRegistryView(ModelRegistryViewModel model) {
        this(model, null);
    }

    /** With {@code panel} (may be null) beside the model's versions, following the chosen version. */
    public ModelRegistryView(ModelRegistryViewModel model, VersionPanel panel) {
        TextField filter = new TextField(model.filterProperty().get());
        filter.setId("modelFilter");
        filter.setPromptText("Filter models by name");
        filter.setPrefColumnCount(28);
        filter.textProperty().addListener((obs, old, now) -> model.setFilter(now));
        Label status = new Label();
        status.setId("registryStatus");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(10, filter, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        Node detail = modelDetail(model, panel);
        SplitPane registry = new SplitPane(modelsTable(model), detail);
        registry.setDividerPositions(0.38);
        if (detail.getProperties().get(VERSION_PANEL) instanceof Node extra) {
            registry.getItems().add(extra);
            registry.setDividerPositions(0.22, 0.58);
        }
        Label loggedTitle = new Label("Logged models");
        loggedTitle.getStyleClass().add("title-4");
        TableView<LoggedModelRow> logged = loggedTable(model);
        VBox.setVgrow(logged, Priority.ALWAYS);
        VBox loggedPane = new VBox(6, loggedTitle, logged);
        loggedPane.setPadding(new Insets(6, 0, 0, 0));
        SplitPane split = new SplitPane(registry, loggedPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(8, bar, split);
        root.setPadding(new Insets(8));
        root.setId("modelRegistry");
        root.getStyleClass().add("model-registry");
        root.setMinSize(0, 0);
    }

    public Node node() {
        return root;
    }

    private static TableView<ModelEntry> modelsTable(ModelRegistryViewModel model) {
        TableView<ModelEntry> table = new TableView<>(model.models());
        table.setId("modelsTable");
        table.getColumns().add(column("Name", ModelEntry::name, 160));
        table.getColumns().add(column("Versions", e -> Integer.toString(e.versionCount()), 84));
        table.getColumns().add(column("Source", ModelEntry::sourceName, 120));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No registered models. Register a model version in MLflow, then sync."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selectedProperty().get()) {
                model.select(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
            if (now != null) {
                table.scrollTo(now);
            }
        });
        return table;
    }

    private static Node modelDetail(ModelRegistryViewModel model, VersionPanel panel) {
        Label title = new Label();
        title.setId("modelTitle");
        title.getStyleClass().add("title-3");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                model.selectedProperty().get() == null ? "No model chosen" : model.selectedProperty().get().name(),
                model.selectedProperty()));
        Label details = new Label();
        details.setId("modelDetails");
        details.setWrapText(true);
        details.setMinHeight(Region.USE_PREF_SIZE);
        details.textProperty().bind(model.detailsProperty());

        TableView<VersionRow> versions = new TableView<>(model.versions());
        versions.setId("versionsTable");
        versions.getColumns().add(column("Version", VersionRow::number, 84));
        versions.getColumns().add(column("Aliases", VersionRow::aliases, 110));
        TableColumn<VersionRow, String> run = column("Source run", VersionRow::runLabel, 150);
        run.setId("col-source-run");
        run.setCellFactory(c -> new LinkCell<VersionRow>(r -> model.openRun(r.sourceId(), r.version().runId())));
        versions.getColumns().add(run);
        versions.getColumns().add(column("Status", r -> r.version().status(), 80));
        versions.getColumns().add(column("Stage", r -> r.version().currentStage(), 80));
        versions.getColumns().add(column("Created", VersionRow::created, 170));
        versions.getColumns().add(column("Logged model", VersionRow::loggedModel, 110));
        versions.getColumns().add(column("Tags", VersionRow::tags, 110));
        TableColumn<VersionRow, String> lineage = column("Lineage", r -> "Lineage", 80);
        lineage.setId("col-lineage");
        lineage.setCellFactory(c -> new LinkCell<>(model::openLineage));
        lineage.visibleProperty().bind(model.lineageAvailableProperty());
        // Next to the version number, where a person looks for what to do with a version.
        versions.getColumns().add(1, lineage);
        TableColumn<VersionRow, String> trained = new TableColumn<>("Trained by");
        trained.setId("col-trained-by");
        trained.setMinWidth(190);
        trained.setPrefWidth(230);
        trained.setCellValueFactory(cell -> javafx.beans.binding.Bindings.createStringBinding(() -> {
            CiRunLinks.Job job = model.trainedBy().get(ModelRegistryViewModel.key(cell.getValue()));
            return job == null ? "" : job.label();
        }, model.trainedBy()));
        trained.setCellFactory(c -> new LinkCell<>(model::openTrainedBy));
        // After the source run: which CI job made it, one click away.
        versions.getColumns().add(4, trained);
        // Wider than the pane on small windows: the table scrolls sideways rather than squeezing the columns.
        versions.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        versions.setPlaceholder(new Label("No versions."));
        model.focusedVersionProperty().addListener((obs, old, now) -> {
            if (now != null) {
                versions.getSelectionModel().select(now);
                versions.scrollTo(now);
            }
        });
        VBox.setVgrow(versions, Priority.ALWAYS);
        versions.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.showFeatures(now));
        VBox pane = new VBox(6, title, details, versions, featuresOfVersion(model));
        if (panel != null) {
            javafx.beans.binding.ObjectBinding<SelectedVersion> chosen = javafx.beans.binding.Bindings.createObjectBinding(() -> {
                VersionRow row = versions.getSelectionModel().getSelectedItem();
                ModelEntry entry = model.selectedProperty().get();
                return row == null || entry == null ? null
                        : new SelectedVersion(row.sourceId(), entry.sourceName(), row.version().name(), row.number());
            }, versions.getSelectionModel().selectedItemProperty(), model.selectedProperty());
            // The panel sits beside the model's details, full height; the binding lives as long as the pane.
            pane.getProperties().put(VERSION_PANEL, panel.create(chosen));
            pane.getProperties().put(VERSION_PANEL + ".selection", chosen);
        }
        pane.setPadding(new Insets(0, 0, 0, 8));
        pane.setMinSize(0, 0);
        return pane;
    }

    /** "Trained on:" and a link per feature-view version the chosen version's run used, stale ones marked. */
    private static Node featuresOfVersion(ModelRegistryViewModel model) {
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(8, 4);
        box.setId("versionFeatures");
        Runnable fill = () -> {
            box.getChildren().setAll(new Label("Trained on:"));
            for (RunFeatures.UsedFeature f : model.versionFeatures()) {
                Hyperlink link = new Hyperlink(f.label() + (f.stale() ? " ⚠ stale (now " + f.currentVersion() + ")" : ""));
                link.getStyleClass().add(f.stale() ? "stale-feature" : "feature-link");
                link.setOnAction(e -> model.openFeature(f));
                box.getChildren().add(link);
            }
            box.setVisible(!model.versionFeatures().isEmpty());
            box.setManaged(box.isVisible());
        };
        model.versionFeatures().addListener((javafx.collections.ListChangeListener<RunFeatures.UsedFeature>) change -> fill.run());
        fill.run();
        return box;
    }

    private static TableView<LoggedModelRow> loggedTable(ModelRegistryViewModel model) {
        TableView<LoggedModelRow> table = new TableView<>(model.loggedModels());
        table.setId("loggedModelsTable");
        table.getColumns().add(column("Name", r -> r.model().name(), 150));
        table.getColumns().add(column("Experiment", LoggedModelRow::experimentName, 200));
        TableColumn<LoggedModelRow, String> run = column("Source run", LoggedModelRow::runLabel, 140);
        run.setId("col-logged-source-run");
        run.setCellFactory(c -> new LinkCell<LoggedModelRow>(r -> model.openRun(r.model().sourceId(), r.model().sourceRunId())));
        table.getColumns().add(run);
        table.getColumns().add(column("Status", r -> r.model().status(), 80));
        table.getColumns().add(column("Type", r -> r.model().modelType(), 90));
        table.getColumns().add(column("Created", LoggedModelRow::created, 170));
        table.getColumns().add(column("Registered as", LoggedModelRow::registeredAs, 150));
        table.getColumns().add(column("Params", r -> RegistrySnapshot.pairs(r.model().params()), 120));
        table.getColumns().add(column("Model id", r -> r.model().modelId(), 120));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No logged models. MLflow 3 lists models logged by runs here after a sync."));
        model.focusedLoggedModelProperty().addListener((obs, old, now) -> {
            if (now != null) {
                table.getSelectionModel().select(now);
                table.scrollTo(now);
            }
        });
        return table;
    }

    /** A text column no narrower than {@code minWidth}; when the columns do not fit, the table scrolls sideways. */
    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double minWidth) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setMinWidth(minWidth);
        column.setPrefWidth(minWidth);
        column.setCellValueFactory(cell -> {
            String text = value.apply(cell.getValue());
            return new ReadOnlyStringWrapper(text == null ? "" : text).getReadOnlyProperty();
        });
        // A value wider than its column is cut; the whole of it shows on hover.
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setMnemonicParsing(false);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        return column;
    }

    /** A link that acts on its row: opens a source run's detail, or shows a version's lineage. */
    private static final class LinkCell<T> extends TableCell<T, String> {
        private final Hyperlink link = new Hyperlink();

        LinkCell(Consumer<T> action) {
            link.getStyleClass().add("run-link");
            link.setOnAction(e -> {
                T row = getTableRow() == null ? null : getTableRow().getItem();
                if (row != null) {
                    action.accept(row);
                }
            });
        }

        @Override
        protected void updateItem(String label, boolean empty) {
            super.updateItem(label, empty);
            link.setText(label);
            setGraphic(empty || label == null || label.isEmpty() ? null : link);
        }
    }
}
