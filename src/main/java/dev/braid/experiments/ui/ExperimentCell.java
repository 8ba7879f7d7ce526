package dev.braid.experiments.ui;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** An experiment in the list with a star to click: starred experiments have their metric histories prefetched. */
final class ExperimentCell extends ListCell<ExperimentEntry> {
    private static final PseudoClass STARRED = PseudoClass.getPseudoClass("starred");
    private final Label star = new Label();
    private final Label name = new Label();
    private final Label source = new Label();
    private final javafx.scene.layout.VBox text = new javafx.scene.layout.VBox(1, name, source);
    private final HBox box = new HBox(6, star, text);
    private final RunStars stars;

    ExperimentCell(RunStars stars) {
        star.getStyleClass().add("run-star");
        star.setTooltip(new Tooltip("Star: fetch this experiment's metric histories after each sync"));
        // Pressed, not clicked: the press would otherwise select the experiment first.
        star.setOnMousePressed(e -> {
            if (getItem() != null) {
                stars.toggle(getItem());
                e.consume();
            }
        });
        star.setOnMouseClicked(javafx.event.Event::consume);
        box.setAlignment(Pos.CENTER_LEFT);
        name.setMnemonicParsing(false);
        name.setWrapText(true);
        name.getStyleClass().add("experiment-name");
        source.getStyleClass().addAll("text-muted", "text-small");
        source.setMnemonicParsing(false);
        // The name wraps rather than being cut: an experiment's name is how people tell them apart.
        text.setMinWidth(0);
        javafx.scene.layout.HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        name.maxWidthProperty().bind(widthProperty().subtract(40));
        this.stars = stars;
    }

    @Override
    protected void updateItem(ExperimentEntry entry, boolean empty) {
        super.updateItem(entry, empty);
        setText(null);
        if (empty || entry == null) {
            setGraphic(null);
            return;
        }
        boolean starred = stars.isStarred(entry);
        star.setText(starred ? "★" : "☆");
        star.setId("experiment-star-" + entry.experiment().experimentId());
        star.pseudoClassStateChanged(STARRED, starred);
        name.setText(entry.experiment().name());
        source.setText(entry.sourceName());
        setTooltip(new Tooltip(entry.experiment().name() + " (" + entry.sourceName() + ", experiment "
                + entry.experiment().experimentId() + ")"));
        setGraphic(box);
    }
}
