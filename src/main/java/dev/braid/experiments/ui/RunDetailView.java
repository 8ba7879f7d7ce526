package dev.braid.experiments.ui;

import dev.braid.experiments.DatasetInput;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One run: overview with links, params, metrics, tags, datasets, and a metric chart. */
public final class RunDetailView {
    private final VBox root;

    public RunDetailView(RunDetailViewModel model) {
        Label title = new Label(model.title());
        title.setId("runTitle");
        title.getStyleClass().add("title-3");
        Label status = new Label();
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        FlowPane links = new FlowPane(8, 4);
        if (model.commit() != null) {
            Hyperlink commit = new Hyperlink("Commit " + RunFormats.shortHash(model.commit()));
            commit.setMnemonicParsing(false);
            commit.setId("runCommitLink");
            commit.setOnAction(e -> model.openCommit());
            links.getChildren().add(commit);
        }
        if (model.hasLineage()) {
            Hyperlink lineage = new Hyperlink("Lineage");
            lineage.setId("runLineageLink");
            lineage.setOnAction(e -> model.openLineage());
            links.getChildren().add(lineage);
        }
        if (model.parentRunId() != null) {
            Hyperlink parent = new Hyperlink("Parent run " + RunFormats.shortHash(model.parentRunId()));
            parent.setMnemonicParsing(false);
            parent.setOnAction(e -> model.openRelated(model.parentRunId()));
            links.getChildren().add(parent);
        }
        Runnable ciJobs = () -> {
            links.getChildren().removeIf(n -> n.getStyleClass().contains("ci-job-link"));
            int at = 0;
            for (CiRunLinks.Job job : model.ciJobs()) {
                Hyperlink link = new Hyperlink("Logged by " + job.label() + " (" + job.status() + ")"
                        + (job.inferred() ? ", by commit and time" : ""));
                link.getStyleClass().add("ci-job-link");
                link.setId("runCiJobLink");
                link.setOnAction(e -> model.openCiJob(job));
                links.getChildren().add(at++, link);
            }
        };
        ciJobs.run();
        model.ciJobs().addListener((javafx.collections.ListChangeListener<CiRunLinks.Job>) change -> ciJobs.run());
        model.children().addListener((javafx.collections.ListChangeListener<String>) change -> {
            for (String child : model.children()) {
                Hyperlink link = new Hyperlink("Child " + RunFormats.shortHash(child));
                link.setMnemonicParsing(false);
                link.setOnAction(e -> model.openRelated(child));
                links.getChildren().add(link);
            }
        });

        TextArea note = new TextArea();
        note.setId("runNote");
        note.setEditable(false);
        note.setWrapText(true);
        note.setPrefRowCount(3);
        note.textProperty().bind(model.noteProperty());
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox overview = new VBox(6, fieldTable("runOverview", model.overview()), links,
                RegisteredVersionsSection.create(model), note);
        VBox.setVgrow(overview.getChildren().get(0), Priority.ALWAYS);
        overview.setPadding(new Insets(6));

        TableView<MetricRow> metrics = new TableView<>(model.metrics());
        metrics.setId("runMetrics");
        metrics.getColumns().add(column("Metric", MetricRow::key));
        metrics.getColumns().add(column("Latest", MetricRow::latest));
        metrics.getColumns().add(column("Min", MetricRow::min));
        metrics.getColumns().add(column("Max", MetricRow::max));
        // Values such as 0.7576523 should read whole.
        metrics.getColumns().subList(1, 4).forEach(c -> c.setPrefWidth(110));
        metrics.getColumns().add(column("Steps", MetricRow::steps));
        metrics.getColumns().add(column("Last step", r -> Long.toString(r.step())));
        metrics.getColumns().add(column("Logged", MetricRow::loggedAt));
        metrics.getColumns().get(0).setPrefWidth(170);
        metrics.getColumns().get(4).setPrefWidth(70);
        metrics.getColumns().get(5).setPrefWidth(85);
        metrics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<DatasetInput> datasets = new TableView<>(model.datasets());
        datasets.setId("runDatasets");
        datasets.getColumns().add(column("Name", DatasetInput::name));
        datasets.getColumns().add(column("Digest", DatasetInput::digest));
        datasets.getColumns().add(column("Context", DatasetInput::context));
        datasets.getColumns().add(column("Source", DatasetInput::source));
        datasets.setPlaceholder(new Label("No dataset inputs logged."));
        datasets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TabPane tabs = new TabPane(tab("Overview", overview), tab("Params", fieldTable("runParams", model.params())),
                tab("Metrics", metrics), tab("Tags", tagsPane(model)), tab("Datasets", datasets),
                tab("Chart", new MetricPlotView(model.plot()).node()));
        if (model.artifacts() != null) {
            tabs.getTabs().add(artifactsTab(model.artifacts()));
        }
        if (model.hasFeatures()) {
            tabs.getTabs().add(tab("Features", featuresTable(model)));
        }
        tabs.setId("runDetailTabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root = new VBox(6, title, status, tabs);
        root.setPadding(new Insets(8));
        root.setId("runDetail");
        root.getStyleClass().add("run-detail");
    }

    public Node node() {
        return root;
    }

    /** The tags table and, when tags can be edited, a key and value to set (a selected tag fills them in). */
    private static Node tagsPane(RunDetailViewModel model) {
        TableView<Field> table = fieldTable("runTags", model.tags());
        VBox.setVgrow(table, Priority.ALWAYS);
        if (!model.canEditTags()) {
            return table;
        }
        TextField key = new TextField();
        key.setId("tagKey");
        key.setPromptText("Tag key");
        TextField value = new TextField();
        value.setId("tagValue");
        value.setPromptText("Value");
        HBox.setHgrow(value, Priority.ALWAYS);
        Button set = new Button("Set tag");
        set.setId("setTagButton");
        set.setDefaultButton(false);
        set.disableProperty().bind(key.textProperty().isEmpty());
        set.setOnAction(e -> model.setTag(key.getText(), value.getText()));
        value.setOnAction(e -> set.fire());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, field) -> {
            if (field != null) {
                key.setText(field.name());
                value.setText(field.value());
            }
        });
        HBox form = new HBox(6, key, value, set);
        form.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        form.getStyleClass().add("tag-form");
        VBox pane = new VBox(6, table, form);
        pane.setPadding(new Insets(6, 0, 0, 0));
        return pane;
    }

    /** The feature versions the run used; a stale one says which version its view is at now; double-click opens it. */
    private static Node featuresTable(RunDetailViewModel model) {
        TableView<RunFeatures.UsedFeature> table = new TableView<>(model.features());
        table.setId("runFeatures");
        table.getColumns().add(column("Feature view", f -> f.project() + "/" + f.view()));
        table.getColumns().add(column("Version used", RunFeatures.UsedFeature::version));
        table.getColumns().add(column("Current", f -> f.stale() ? "⚠ " + f.currentVersion() + " (stale)" : f.currentVersion()));
        table.getColumns().add(column("How Braid knows", RunFeatures.UsedFeature::via));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("This run recorded no features Braid knows (see docs/decisions/0019)."));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<RunFeatures.UsedFeature> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.openFeature(row.getItem());
                }
            });
            return row;
        });
        return table;
    }

    /** Built when first shown, so opening a run lists no artifacts until they are looked at. */
    private static Tab artifactsTab(ArtifactTreeViewModel artifacts) {
        Tab tab = tab("Artifacts", new Label());
        tab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected && tab.getContent() instanceof Label) {
                tab.setContent(new ArtifactTreeView(artifacts).node());
            }
        });
        return tab;
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        tab.setClosable(false);
        return tab;
    }

    static TableView<Field> fieldTable(String id, ObservableList<Field> fields) {
        TableView<Field> table = new TableView<>(fields);
        table.setId(id);
        TableColumn<Field, String> name = column("Name", Field::name);
        name.setPrefWidth(220);
        table.getColumns().add(name);
        table.getColumns().add(column("Value", Field::value));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing logged."));
        return table;
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }
}
