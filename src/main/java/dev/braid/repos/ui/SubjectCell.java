package dev.braid.repos.ui;

import dev.braid.repos.GitRef;
import dev.braid.repos.RefKind;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** A commit's subject, preceded by labels for the branches and tags that point at it. */
final class SubjectCell extends TableCell<HistoryItem, HistoryItem> {
    private final HBox box = new HBox(4);
    private final Label subject = new Label();

    SubjectCell() {
        box.setAlignment(Pos.CENTER_LEFT);
        subject.setMinWidth(0);
        getStyleClass().add("subject-cell");
    }

    @Override
    protected void updateItem(HistoryItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        box.getChildren().clear();
        for (GitRef ref : item.labels()) {
            if (ref.kind() == RefKind.HEAD && ref.symbolic() != null) {
                continue; // HEAD → main is shown on main's own label
            }
            Label label = new Label(ref.shortName());
            label.getStyleClass().addAll("ref-label", styleOf(ref.kind()));
            label.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            box.getChildren().add(label);
        }
        subject.setText(item.commit().subject());
        box.getChildren().add(subject);
        setGraphic(box);
        // A subject longer than its column is cut; the whole subject is on hover.
        setTooltip(new Tooltip(item.commit().subject()));
    }

    private static String styleOf(RefKind kind) {
        return switch (kind) {
            case HEAD -> "ref-head";
            case BRANCH -> "ref-branch";
            case REMOTE_BRANCH -> "ref-remote";
            case TAG -> "ref-tag";
            case OTHER -> "ref-other";
        };
    }
}
