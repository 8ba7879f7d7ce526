package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineStatus;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Pipelines screen's filters: source, kind, branch, status, commit and time, the runs count,
 * and the hint shown while no pipeline source is added. The filters flow onto a second line when
 * the window is narrow (each keeps the width its longest choice needs), and the hint wraps under
 * them, so nothing is cut at the launch size.
 */
final class PipelineFilterBar {
    private static final String ALL_SOURCES = "All sources";
    private static final String ALL_KINDS = "All kinds";
    private final VBox root;

    PipelineFilterBar(PipelinesViewModel model) {
        ComboBox<String> source = chooser("pipelineSourceFilter");
        source.setPromptText(ALL_SOURCES);
        Runnable sourcesChanged = () -> {
            String chosen = source.getValue();
            source.getItems().setAll(ALL_SOURCES);
            source.getItems().addAll(model.sourceNames());
            source.setValue(chosen == null || !source.getItems().contains(chosen) ? ALL_SOURCES : chosen);
        };
        model.sourceNames().addListener((ListChangeListener<String>) c -> sourcesChanged.run());
        sourcesChanged.run();
        TextField branch = field("pipelineBranchFilter", "Branch", 10);
        ComboBox<String> status = chooser("pipelineStatusFilter");
        status.getItems().add("Any status");
        for (PipelineStatus s : PipelineStatus.values()) {
            status.getItems().add(s.word());
        }
        status.setValue("Any status");
        TextField commit = field("pipelineCommitFilter", "Commit", 9);
        ComboBox<PipelinesViewModel.Since> since = chooser("pipelineSinceFilter");
        since.getItems().setAll(PipelinesViewModel.Since.values());
        since.setValue(PipelinesViewModel.Since.ANY);
        ComboBox<String> kind = chooser("pipelineKindFilter");
        kind.getItems().add(ALL_KINDS);
        kind.getItems().addAll(model.kinds());
        kind.setValue(ALL_KINDS);
        kind.setOnAction(e -> model.filterKind(ALL_KINDS.equals(kind.getValue()) ? null : kind.getValue()));
        Runnable apply = () -> model.filter(ALL_SOURCES.equals(source.getValue()) ? null : source.getValue(), branch.getText(),
                PipelineStatus.fromWord(status.getValue()), commit.getText(), since.getValue());
        source.setOnAction(e -> apply.run());
        status.setOnAction(e -> apply.run());
        since.setOnAction(e -> apply.run());
        branch.setOnAction(e -> apply.run());
        commit.setOnAction(e -> apply.run());

        FlowPane filters = new FlowPane(source, kind, branch, status, commit, since);
        filters.getStyleClass().add("pipeline-filter-flow");
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filters, Priority.ALWAYS);
        Label count = new Label();
        count.setId("pipelineStatus");
        count.getStyleClass().add("text-muted");
        count.setMinWidth(Control.USE_PREF_SIZE);
        count.textProperty().bind(model.statusProperty());
        HBox line = new HBox(filters, count);
        line.getStyleClass().add("pipeline-filter-line");
        line.setAlignment(Pos.CENTER_LEFT);

        Label empty = new Label("No pipeline source yet: add one with 'braid pipelines add …' or open the demo.");
        empty.setId("pipelinesNoSource");
        empty.getStyleClass().addAll("text-muted", "pipeline-filter-hint");
        empty.setMinHeight(Control.USE_PREF_SIZE);
        empty.visibleProperty().bind(model.noSourcesProperty());
        empty.managedProperty().bind(empty.visibleProperty());
        root = new VBox(line, empty);
        root.getStyleClass().add("pipeline-filters");
    }

    Node node() {
        return root;
    }

    /** A chooser never narrower than its longest choice: squeezed, it would show only "…". */
    private static <T> ComboBox<T> chooser(String id) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.setMinWidth(Control.USE_PREF_SIZE);
        return box;
    }

    private static TextField field(String id, String prompt, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        field.setMinWidth(Control.USE_PREF_SIZE);
        return field;
    }
}
