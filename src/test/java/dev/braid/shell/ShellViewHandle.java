package dev.braid.shell;

import dev.braid.shell.sources.AddSourceDialogHandle;
import dev.braid.testing.FxWait;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What a person sees and does in the window frame: navigation, toolbar, status bar. */
public final class ShellViewHandle {
    private final FxRobot robot;

    public ShellViewHandle(FxRobot robot) {
        this.robot = robot;
    }

    public boolean showing(String id) {
        return robot.lookup("#" + id).tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup("#" + id).query().getScene() != null;
    }

    public void waitUntilShowing(String id) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showing(id));
    }

    public void navigateTo(String title) {
        robot.clickOn(robot.lookup("#navigation .list-cell").match(node -> node instanceof javafx.scene.control.Labeled labeled
                && title.equals(labeled.getText())).<Node>query());
    }

    public AddSourceDialogHandle clickAddSource() throws TimeoutException {
        robot.clickOn("#addSourceButton");
        FxWait.untilShowing(robot, "#sourceKinds");
        return new AddSourceDialogHandle(robot);
    }

    /** Each source in the status bar as "name: state", one a line, or what the bar says without sources. */
    public String sourceStates() {
        StringBuilder out = new StringBuilder();
        for (Node node : robot.lookup("#sourceStates").queryAs(Pane.class).getChildren()) {
            Label label = (Label) node;
            out.append(label.getAccessibleText() != null ? label.getAccessibleText() : label.getText()).append('\n');
        }
        return out.toString();
    }

    /** The status bar's dot of the source called {@code name}: its health style and its tooltip. */
    public String[] sourceDot(String name) {
        for (Node node : robot.lookup("#sourceStates").queryAs(Pane.class).getChildren()) {
            Label label = (Label) node;
            if (name.equals(label.getText())) {
                String health = label.getGraphic().getStyleClass().stream().filter(c -> c.startsWith("source-dot-"))
                        .findFirst().orElse("");
                return new String[] {health, label.getTooltip() == null ? "" : label.getTooltip().getText()};
            }
        }
        throw new AssertionError("no dot for " + name + " in " + sourceStates());
    }

    public void clickSyncLog() {
        robot.clickOn("#syncLogLink");
    }

    public void search(String text) {
        robot.clickOn("#globalSearch").write(text);
    }
}
