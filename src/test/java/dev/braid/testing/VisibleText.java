package dev.braid.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * What a person can read on screen: the text a label, button, tab or header actually draws
 * (JavaFX replaces the end of a text that does not fit with an ellipsis, and parses "_" as a
 * mnemonic marker unless told not to), and every piece of text that is cut off.
 */
public final class VisibleText {
    private VisibleText() {
    }

    /** The text {@code labeled}'s skin draws (after ellipsis and mnemonic parsing); its own text when not drawn yet. */
    public static String drawn(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return labeled.getText();
    }

    /** Whether {@code labeled} draws less than its whole text (an ellipsis took the rest). */
    public static boolean isClipped(Labeled labeled) {
        String full = labeled.getText();
        if (full == null || full.isEmpty()) {
            return false;
        }
        String shown = drawn(labeled);
        String expected = labeled.isMnemonicParsing() ? full.replaceFirst("_(?=.)", "") : full;
        return shown != null && !shown.equals(expected) && !shown.equals(full);
    }

    /**
     * Every labeled under {@code root} that is on screen and draws less than its text, as
     * "text (class #id)". Table and list cells may be cut when they carry the whole text in a
     * tooltip, as the runs and history tables do for long values; so may a label a cell draws as
     * its graphic (a commit subject beside its branch labels) when the cell's tooltip is that text.
     */
    public static List<String> clipped(Parent root) {
        List<String> out = new ArrayList<>();
        visit(root, root, out);
        return out;
    }

    private static void visit(Node node, Parent root, List<String> out) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled && onScreen(labeled, root) && isClipped(labeled)) {
            Tooltip tip = labeled instanceof Cell<?> ? labeled.getTooltip() : enclosingCellTooltip(labeled);
            boolean explained = tip != null && labeled.getText().equals(tip.getText());
            if (!explained) {
                out.add("“" + labeled.getText() + "” drawn as “" + drawn(labeled) + "” ("
                        + labeled.getClass().getSimpleName() + (labeled.getId() == null ? "" : " #" + labeled.getId()) + ")");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, root, out);
            }
        }
    }

    /** The tooltip of the cell {@code node} is drawn in, if it is inside one. */
    private static Tooltip enclosingCellTooltip(Node node) {
        for (Parent up = node.getParent(); up != null; up = up.getParent()) {
            if (up instanceof Cell<?> cell) {
                return cell.getTooltip();
            }
        }
        return null;
    }

    /** Inside the root's bounds: rows scrolled out of view are not text anyone is reading. */
    private static boolean onScreen(Node node, Parent root) {
        if (node.getScene() == null) {
            return false;
        }
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        Bounds view = root.localToScene(root.getLayoutBounds());
        return bounds.getWidth() > 0 && bounds.getMinX() >= view.getMinX() - 1 && bounds.getMaxX() <= view.getMaxX() + 1
                && bounds.getMinY() >= view.getMinY() - 1 && bounds.getMaxY() <= view.getMaxY() + 1;
    }
}
