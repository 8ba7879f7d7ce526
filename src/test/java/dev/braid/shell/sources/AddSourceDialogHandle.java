package dev.braid.shell.sources;

import dev.braid.testing.FxWait;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;

/** The Add source dialog as a person uses it. */
public final class AddSourceDialogHandle {
    private final FxRobot robot;

    public AddSourceDialogHandle(FxRobot robot) {
        this.robot = robot;
    }

    /** Clicks the kind with this id in the list on the left. */
    public AddSourceDialogHandle chooseKind(String formId) throws TimeoutException {
        // The list shows as many kinds as fit: scroll the one asked for into view first.
        ListView<?> kinds = robot.lookup("#sourceKinds").queryAs(ListView.class);
        robot.interact(() -> kinds.getItems().stream().filter(f -> ((dev.braid.ui.sources.SourceForm) f).id().equals(formId))
                .findFirst().ifPresent(f -> kinds.scrollTo(kinds.getItems().indexOf(f))));
        robot.clickOn("#sourceKind-" + formId);
        FxWait.untilShowing(robot, "#sourceKindTitle");
        return this;
    }

    public AddSourceDialogHandle enter(String fieldKey, String text) {
        TextField field = robot.lookup("#sourceField-" + fieldKey).queryAs(TextField.class);
        robot.clickOn(field).write(text);
        return this;
    }

    public AddSourceDialogHandle enterLocation(String location) {
        return enter("location", location);
    }

    public AddSourceDialogHandle clickAdd() {
        robot.clickOn("#addSourceConfirm");
        return this;
    }

    public String error() {
        Label error = robot.lookup("#addSourceError").queryAs(Label.class);
        return error.isVisible() ? error.getText() : "";
    }

    /** The texts of the kinds listed, each with its group's title above the first of the group. */
    /** Every kind the dialog lists (shown or scrolled away), by id. */
    public java.util.List<String> kindIds() {
        ListView<?> kinds = robot.lookup("#sourceKinds").queryAs(ListView.class);
        return kinds.getItems().stream().map(f -> ((dev.braid.ui.sources.SourceForm) f).id()).toList();
    }

    /** The group headings and kind titles drawn in the list's shown part. */
    public java.util.List<String> kindTexts() {
        ListView<?> kinds = robot.lookup("#sourceKinds").queryAs(ListView.class);
        return robot.from(kinds).lookup(".label").queryAll().stream().filter(Node::isVisible)
                .map(n -> ((Labeled) n).getText()).toList();
    }

    /** Labels of the shown fields: whether each shows its whole text. */
    public java.util.Map<String, Boolean> fieldLabelsShownInFull() {
        java.util.Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        robot.lookup("#addSourceDialog .label").queryAll().stream().filter(n -> n instanceof Label label
                && label.getLabelFor() != null && n.isVisible()).forEach(n -> {
                    Label label = (Label) n;
                    out.put(label.getText(), !dev.braid.testing.VisibleText.isClipped(label));
                });
        return out;
    }

    public boolean isOpen() {
        return robot.lookup("#addSourceDialog").tryQuery().map(node -> node.getScene() != null
                && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing()).orElse(false);
    }
}
