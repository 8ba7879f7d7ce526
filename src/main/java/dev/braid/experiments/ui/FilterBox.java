package dev.braid.experiments.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The filter field (MLflow search syntax, applied on Enter) with, under it, a caret pointing at
 * a mistake and the reason. Field and caret share a fixed-width font so the caret lines up.
 */
final class FilterBox {
    private FilterBox() {
    }

    static Node create(ExperimentsViewModel model) {
        TextField field = new TextField();
        field.setId("runFilter");
        field.setPromptText("Filter: metrics.rmse < 0.5 and params.model = 'xgb' or tags.team LIKE 'ml-%'");
        field.getStyleClass().add("mono-field");
        field.setOnAction(e -> model.applyFilter(field.getText()));
        Button apply = new Button("Apply");
        apply.setOnAction(e -> model.applyFilter(field.getText()));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            field.clear();
            model.applyFilter("");
        });
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox row = new HBox(6, field, apply, clear);

        Label caret = new Label();
        caret.setId("filterCaret");
        caret.getStyleClass().addAll("filter-caret", "mono-field");
        Label reason = new Label();
        reason.setId("filterError");
        reason.getStyleClass().add("filter-error");
        reason.setWrapText(true);
        VBox box = new VBox(0, row, caret, reason);
        model.filterProblemProperty().addListener((obs, old, problem) -> {
            caret.setText(problem == null ? "" : problem.caret());
            reason.setText(problem == null ? "" : problem.message() + " — the previous rows are still shown.");
            field.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), problem != null);
        });
        caret.visibleProperty().bind(model.filterProblemProperty().isNotNull());
        caret.managedProperty().bind(caret.visibleProperty());
        reason.visibleProperty().bind(caret.visibleProperty());
        reason.managedProperty().bind(caret.visibleProperty());
        return box;
    }
}
