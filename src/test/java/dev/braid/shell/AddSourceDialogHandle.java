package dev.braid.shell;

import javafx.scene.control.Label;
import org.testfx.api.FxRobot;

/** The Add source dialog as a person uses it. */
public final class AddSourceDialogHandle {
    private final FxRobot robot;

    AddSourceDialogHandle(FxRobot robot) {
        this.robot = robot;
    }

    public AddSourceDialogHandle enterLocation(String location) {
        robot.clickOn("#sourceLocation").write(location);
        return this;
    }

    public AddSourceDialogHandle clickAdd() {
        robot.clickOn("#addSourceConfirm");
        return this;
    }

    public String error() {
        Label error = robot.lookup("#addSourceError").queryAs(Label.class);
        return error.isVisible() ? error.getText() : "";
    }

    public boolean isOpen() {
        return robot.lookup("#addSourceDialog").tryQuery().map(node -> node.getScene() != null
                && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing()).orElse(false);
    }
}
