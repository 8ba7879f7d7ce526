package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Pipelines screen: filters, the runs table, and the chosen run's graph, timeline, jobs with
 * their logs, and downstream runs; a second tab with trends.
 */
public final class PipelinesView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private final PipelinesViewModel model;
    private final ZoneId zone;
    private final BorderPane root = new BorderPane();

    public PipelinesView(PipelinesViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        TabPane tabs = new TabPane(new Tab("Runs", runsPane()), new Tab("Trends", new TrendsPane(model).node()),
                new Tab("DAGs", new OrchestratorPipelinesPane(model).node()));
        tabs.setId("pipelineTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() == 1) {
                model.loadTrends();
            } else if (now.intValue() == 2) {
                model.loadPipelines();
            }
        });
        root.setTop(new PipelineFilterBar(model).node());
        root.setCenter(tabs);
        root.getStyleClass().add("pipelines-view");
        root.setId("pipelinesView");
        var css = PipelinesView.class.getResource("pipelines.css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        model.refresh();
    }

    public Node node() {
        return root;
    }

    private Node runsPane() {
        TableView<PipelineRun> table = new TableView<>(model.runs());
        table.setId("pipelinesTable");
        table.setPlaceholder(new Label("No runs match. Change the filters, or add a pipeline source."));
        table.getColumns().setAll(java.util.List.of(
                column("Source", 150, PipelineQuery.Sort.SOURCE, PipelineRun::source),
                column("Kind", 70, PipelineQuery.Sort.KIND, PipelineRun::sourceKind),
                column("Pipeline", 140, PipelineQuery.Sort.PIPELINE, PipelineRun::pipeline),
                column("Run", 80, PipelineQuery.Sort.NUMBER, PipelineRun::label),
                statusColumn(),
                column("Ref", 130, PipelineQuery.Sort.REF, PipelineRun::ref),
                column("Commit", 280, null, r -> (r.sha() == null ? "" : r.sha().substring(0, Math.min(8, r.sha().length())) + "  ")
                        + (r.title() == null ? "" : r.title())),
                column("Author", 120, null, PipelineRun::author),
                fixed(column("Started", 150, PipelineQuery.Sort.STARTED,
                        r -> r.startedAt() == null ? "" : TIME.format(r.startedAt().atZone(zone)))),
                fixed(column("Duration", 96, PipelineQuery.Sort.DURATION, r -> Durations.short_(r.durationMs()))),
                column("Jobs", 110, PipelineQuery.Sort.JOBS, r -> r.jobCount() + " jobs" + (r.jobsFailed() > 0 ? ", " + r.jobsFailed()
                        + " failed" : ""))));
        table.setSortPolicy(t -> {
            if (t.getSortOrder().isEmpty()) {
                model.sortBy(null, false);
            } else {
                TableColumn<PipelineRun, ?> first = t.getSortOrder().get(0);
                model.sortBy((PipelineQuery.Sort) first.getUserData(), first.getSortType() == TableColumn.SortType.ASCENDING);
            }
            return true;
        });
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PipelineRun run, boolean empty) {
                super.updateItem(run, empty);
                if (!empty) {
                    model.ensureLoaded(getIndex());
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.open(now));
        SplitPane split = new SplitPane(table, detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        return split;
    }

    private TableColumn<PipelineRun, String> column(String title, double width, PipelineQuery.Sort sort,
                                                    java.util.function.Function<PipelineRun, String> text) {
        TableColumn<PipelineRun, String> column = new TableColumn<>(title);
        column.setId("col-" + title.toLowerCase(Locale.ROOT));
        column.setPrefWidth(width);
        column.setUserData(sort);
        column.setSortable(sort != null);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())).getReadOnlyProperty());
        // A commit title or a ref longer than its column shows in full on hover.
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                setTooltip(empty || value == null || value.isEmpty() ? null : new javafx.scene.control.Tooltip(value));
            }
        });
        return column;
    }

    /** A column whose values have one length (a time): never narrowed below it, so none is cut. */
    private static TableColumn<PipelineRun, String> fixed(TableColumn<PipelineRun, String> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private TableColumn<PipelineRun, String> statusColumn() {
        TableColumn<PipelineRun, String> column = column("Status", 90, PipelineQuery.Sort.STATUS, r -> r.status().word());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String status, boolean empty) {
                super.updateItem(status, empty);
                getStyleClass().removeIf(s -> s.startsWith("pipeline-status-"));
                setText(empty ? null : status);
                if (!empty && status != null) {
                    getStyleClass().add("pipeline-status-" + status);
                }
            }
        });
        return column;
    }

    private Node detailPane() {
        Label title = new Label("Choose a run.");
        title.setId("pipelineRunTitle");
        title.getStyleClass().add("pipeline-run-title");
        Hyperlink commit = new Hyperlink();
        commit.setId("pipelineCommitLink");
        commit.setVisible(false);
        DagCanvas dag = new DagCanvas(job -> model.log().show(model.detailProperty().get(), job));
        dag.setId("pipelineDag");
        TimelineCanvas timeline = new TimelineCanvas(job -> model.log().show(model.detailProperty().get(), job));
        timeline.setId("pipelineTimeline");
        ListView<PipelineRun> downstream = new ListView<>();
        downstream.setId("pipelineDownstream");
        downstream.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PipelineRun run, boolean empty) {
                super.updateItem(run, empty);
                setText(empty || run == null ? null : run.pipeline() + " " + run.label() + "  " + run.status().word() + "  "
                        + Durations.short_(run.durationMs()));
            }
        });
        downstream.setOnMouseClicked(e -> {
            PipelineRun run = downstream.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && run != null) {
                model.openRun(run.source(), run.id());
            }
        });
        ListView<PipelineJob> jobs = new ListView<>();
        jobs.setId("pipelineJobs");
        jobs.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PipelineJob job, boolean empty) {
                super.updateItem(job, empty);
                getStyleClass().removeIf(s -> s.startsWith("pipeline-status-"));
                if (empty || job == null) {
                    setText(null);
                    return;
                }
                setText((job.stage() == null ? "" : job.stage() + " · ") + job.name() + (job.attempt() > 1 || job.retried()
                        ? " (try " + job.attempt() + (job.retried() ? ", retried" : "") + ")" : "") + "  " + job.status().word()
                        + "  " + Durations.short_(job.durationMs()) + (job.downstream() != null ? "  → downstream "
                        + job.downstream().id() : ""));
                getStyleClass().add("pipeline-status-" + job.status().word());
            }
        });
        jobs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.log().jobProperty().get()) {
                model.log().show(model.detailProperty().get(), now);
            }
        });
        model.detailProperty().addListener((obs, old, now) -> {
            showTitle(title, commit, now);
            dag.show(model.dagProperty().get(), statesInSourceWords(now));
            timeline.show(now);
            jobs.getItems().setAll(now == null ? java.util.List.of() : now.jobs());
            downstream.getItems().setAll(now == null ? java.util.List.of() : now.downstream());
        });
        model.dagProperty().addListener((obs, old, now) -> dag.show(now, statesInSourceWords(model.detailProperty().get())));
        SplitPane jobsAndLog = new SplitPane(jobs, logPane());
        jobsAndLog.setDividerPositions(0.3);
        TabPane tabs = new TabPane(new Tab("Graph", scroll(dag)), new Tab("Timeline", scroll(timeline)),
                new Tab("Jobs and logs", jobsAndLog), new Tab("Downstream", downstream), new Tab("Definition", definitionPane()),
                new Tab("Params and metrics", dvcComparePane()));
        tabs.setId("pipelineDetailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.log().jobProperty().addListener((obs, old, now) -> {
            if (now != null) {
                tabs.getSelectionModel().select(2);
                jobs.getSelectionModel().select(now);
            }
        });
        Label pipelineNote = new Label();
        pipelineNote.setId("pipelineNote");
        pipelineNote.getStyleClass().add("text-muted");
        pipelineNote.textProperty().bind(model.pipelineNoteProperty());
        HBox header = new HBox(10, title, commit, pipelineNote);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(6, 8, 2, 8));
        VBox box = new VBox(header, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        return box;
    }

    /** The definition at the run's commit with the run's statuses: a job the run ran opens its log. */
    /** A DVC run's params and metrics beside the previous DVC run's, as DVC's diff tables. */
    private Node dvcComparePane() {
        DvcCompareViewModel compare = model.dvcCompare();
        Label heading = new Label();
        heading.setId("dvcCompareHeading");
        heading.getStyleClass().add("text-muted");
        heading.textProperty().bind(compare.headingProperty());
        javafx.scene.control.TextArea params = comparisonText("dvcParamsDiff", compare.paramsProperty());
        javafx.scene.control.TextArea metrics = comparisonText("dvcMetricsDiff", compare.metricsProperty());
        VBox paramsBox = new VBox(4, new Label("Params"), params);
        VBox metricsBox = new VBox(4, new Label("Metrics"), metrics);
        VBox.setVgrow(params, Priority.ALWAYS);
        VBox.setVgrow(metrics, Priority.ALWAYS);
        SplitPane sides = new SplitPane(paramsBox, metricsBox);
        VBox box = new VBox(6, heading, sides);
        box.setPadding(new Insets(6, 8, 6, 8));
        VBox.setVgrow(sides, Priority.ALWAYS);
        return box;
    }

    private static javafx.scene.control.TextArea comparisonText(String id, javafx.beans.value.ObservableValue<String> text) {
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        area.textProperty().bind(text);
        return area;
    }

    private Node definitionPane() {
        RunDefinitionViewModel definition = model.definition();
        DagCanvas canvas = new DagCanvas(job -> {
            PipelineRunDetail run = model.detailProperty().get();
            if (run != null && run.jobs().stream().anyMatch(j -> j.id().equals(job.id()))) {
                model.log().show(run, job);
            }
        });
        canvas.setId("pipelineDefinitionDag");
        Label note = new Label();
        note.setId("pipelineDefinitionNote");
        note.setWrapText(true);
        note.textProperty().bind(definition.noteProperty());
        note.setPadding(new Insets(4, 8, 4, 8));
        canvas.show(definition.dagProperty().get());
        definition.dagProperty().addListener((obs, old, now) -> canvas.show(now));
        Node graph = scroll(canvas);
        VBox box = new VBox(note, graph);
        VBox.setVgrow(graph, Priority.ALWAYS);
        return box;
    }

    private void showTitle(Label title, Hyperlink commit, PipelineRunDetail detail) {
        if (detail == null) {
            title.setText("Choose a run.");
            commit.setVisible(false);
            return;
        }
        PipelineRun run = detail.run();
        title.setText(run.source() + "  " + run.label() + "  " + run.status().word()
                + (run.sourceStatus() != null && !run.sourceStatus().equalsIgnoreCase(run.status().word()) ? " (" + run.sourceStatus() + ")" : "")
                + "  on " + run.ref() + (run.event() == null ? "" : " · " + run.event()) + "  queued "
                + Durations.short_(run.queuedMs()) + ", ran " + Durations.short_(run.durationMs())
                + (detail.parent() == null ? "" : "  · started by " + detail.parent().label()));
        commit.setText(run.sha() == null ? "" : "commit " + run.sha().substring(0, Math.min(10, run.sha().length())));
        commit.setVisible(run.sha() != null && model.canOpenCommits());
        commit.setOnAction(e -> model.openCommit(run.sha()));
    }

    private Node logPane() {
        JobLogViewModel log = model.log();
        ListView<String> lines = new ListView<>(log.lines());
        lines.setId("jobLog");
        lines.getStyleClass().add("job-log");
        lines.setCellFactory(l -> new LogLineCell(log));
        lines.setFixedCellSize(18);
        log.focusLineProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) {
                lines.scrollTo(Math.max(0, now.intValue() - 3));
                lines.getSelectionModel().select(now.intValue());
            }
        });
        TextField search = new TextField();
        search.setId("logSearch");
        search.setPromptText("Search the log");
        search.setOnAction(e -> log.findNext(search.getText()));
        Button next = new Button("Next");
        next.setOnAction(e -> log.findNext(search.getText()));
        Button failing = new Button("Go to failure");
        failing.setId("logFailure");
        failing.disableProperty().bind(log.failingLineProperty().lessThan(0));
        failing.setOnAction(e -> lines.scrollTo(Math.max(0, log.failingLineProperty().get() - 3)));
        Label note = new Label();
        note.setId("logNote");
        note.getStyleClass().add("text-muted");
        note.textProperty().bind(log.noteProperty());
        HBox bar = new HBox(6, search, next, failing, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        VBox box = new VBox(bar, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
        return box;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        pane.setFitToHeight(true);
        return pane;
    }

    /** A DVC run's stages are captioned in DVC's words (up to date, changed, never run): they have no durations. */
    private static boolean statesInSourceWords(dev.braid.pipelines.PipelineRunDetail detail) {
        return detail != null && dev.braid.pipelines.PipelineService.DVC_KIND.equals(detail.run().sourceKind());
    }
}
