package dev.braid.experiments.ui;

import dev.braid.experiments.ArtifactEntry;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;

/** The Artifacts tab of a run detail as a person sees and uses it. */
final class ArtifactTreeHandle {
    private final FxRobot robot;

    ArtifactTreeHandle(FxRobot robot) {
        this.robot = robot;
    }

    /** The paths the tree shows, in order, folders marked with a trailing slash; only expanded folders' children. */
    List<String> shownPaths() {
        TreeView<ArtifactEntry> tree = tree();
        List<String> out = new ArrayList<>();
        if (tree != null) {
            collect(tree.getRoot(), out);
        }
        return out;
    }

    /** Clicks the folder's row and opens it with the right arrow key. */
    void expand(String path) {
        robot.clickOn(cell(path)).type(KeyCode.RIGHT);
    }

    /** Clicks a file's row. */
    void select(String path) {
        robot.clickOn(cell(path));
    }

    /** The text preview, or "" when no text preview is shown. */
    String previewText() {
        TextArea text = robot.lookup("#artifactText").tryQueryAs(TextArea.class).orElse(null);
        return text == null || !text.isVisible() || text.getParent() == null || !text.getParent().isVisible() ? ""
                : text.getText();
    }

    /** Width and height of the image shown, or null when none is. */
    double[] imageSize() {
        ImageView view = robot.lookup("#artifactImage").tryQueryAs(ImageView.class).orElse(null);
        if (view == null || view.getImage() == null || view.getImage().getProgress() < 1 || !view.getParent().isVisible()) {
            return null;
        }
        return new double[] {view.getImage().getWidth(), view.getImage().getHeight()};
    }

    String previewTitle() {
        return robot.lookup("#artifactPreviewTitle").tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    String message() {
        return robot.lookup("#artifactMessage").tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    @SuppressWarnings("unchecked")
    private TreeView<ArtifactEntry> tree() {
        return robot.lookup("#artifactTree").tryQueryAs(TreeView.class).orElse(null);
    }

    private Node cell(String path) {
        return robot.lookup("#artifactTree .tree-cell").match(n -> n instanceof TreeCell<?> c && c.getItem() instanceof
                ArtifactEntry e && e.path().equals(path)).query();
    }

    private static void collect(TreeItem<ArtifactEntry> item, List<String> out) {
        for (TreeItem<ArtifactEntry> child : item.getChildren()) {
            ArtifactEntry entry = child.getValue();
            out.add(entry.path() + (entry.directory() ? "/" : ""));
            if (child.isExpanded()) {
                collect(child, out);
            }
        }
    }
}
