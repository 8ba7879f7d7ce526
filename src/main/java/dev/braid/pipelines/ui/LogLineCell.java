package dev.braid.pipelines.ui;

import dev.braid.pipelines.AnsiText;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** A log line with its ANSI colours as style classes ({@code ansi-fg-1}, {@code ansi-bold}); the failing line marked. */
final class LogLineCell extends ListCell<String> {
    private final JobLogViewModel model;

    LogLineCell(JobLogViewModel model) {
        this.model = model;
        getStyleClass().add("log-line");
    }

    @Override
    protected void updateItem(String line, boolean empty) {
        super.updateItem(line, empty);
        setText(null);
        pseudoClassStateChanged(FAILING, !empty && getIndex() == model.failingLineProperty().get());
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        TextFlow flow = new TextFlow();
        for (AnsiText.Span span : AnsiText.parse(line)) {
            Text text = new Text(span.text());
            text.getStyleClass().add("log-text");
            if (span.colour() >= 0) {
                text.getStyleClass().add("ansi-fg-" + span.colour());
            }
            if (span.bold()) {
                text.getStyleClass().add("ansi-bold");
            }
            flow.getChildren().add(text);
        }
        setGraphic(flow);
    }

    private static final javafx.css.PseudoClass FAILING = javafx.css.PseudoClass.getPseudoClass("failing");
}
