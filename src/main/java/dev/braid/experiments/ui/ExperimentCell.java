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
    private final HBox box = new HBox(6, star, name);
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
        name.setText(entry.label());
        setGraphic(box);
    }
}
