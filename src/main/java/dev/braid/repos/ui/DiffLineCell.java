package dev.braid.repos.ui;

import dev.braid.repos.DiffLine;
import javafx.scene.control.ListCell;

/** One line of a diff, coloured by kind through style classes. */
public final class DiffLineCell extends ListCell<DiffLine> {
    private static final String[] KINDS = {"diff-hunk", "diff-context", "diff-added", "diff-removed"};

    public DiffLineCell() {
        getStyleClass().add("diff-line");
    }

    @Override
    protected void updateItem(DiffLine line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeAll(KINDS);
        if (empty || line == null) {
            setText(null);
            return;
        }
        String prefix = switch (line.kind()) {
            case HUNK -> "";
            case CONTEXT -> "  ";
            case ADDED -> "+ ";
            case REMOVED -> "- ";
        };
        setText(number(line.oldLine()) + number(line.newLine()) + prefix + line.text());
        getStyleClass().add(KINDS[line.kind().ordinal()]);
    }

    private static String number(int n) {
        String text = n <= 0 ? "" : Integer.toString(n);
        return " ".repeat(Math.max(0, 6 - text.length())) + text + " ";
    }
}
