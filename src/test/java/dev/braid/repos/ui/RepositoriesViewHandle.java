package dev.braid.repos.ui;

import dev.braid.repos.ChangedFile;
import dev.braid.repos.DiffLine;
import dev.braid.repos.RepoSummary;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Repositories screen as a person sees and uses it. */
public final class RepositoriesViewHandle {
    private final FxRobot robot;

    public RepositoriesViewHandle(FxRobot robot) {
        this.robot = robot;
    }

    public void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<HistoryItem> table() {
        return robot.lookup("#historyTable").tryQueryAs(TableView.class).orElse(new TableView<>());
    }

    @SuppressWarnings("unchecked")
    public List<String> repositoryNames() {
        ListView<RepoSummary> list = robot.lookup("#repositoryList").tryQueryAs(ListView.class).orElse(new ListView<>());
        return list.getItems().stream().map(RepoSummary::name).toList();
    }

    public List<String> subjects() {
        return table().getItems().stream().map(item -> item.commit().subject()).toList();
    }

    /** Graph canvases on screen that have something drawn at a width. */
    public long drawnGraphCells() {
        return robot.lookup(".graph-cell").queryAll().stream()
                .filter(node -> ((GraphCell) node).getGraphic() instanceof Canvas canvas && canvas.getWidth() > 0)
                .count();
    }

    /** The ref labels shown on the row of the commit with {@code subject}. */
    public List<String> labelsOn(String subject) {
        return robot.lookup(".ref-label").queryAllAs(Label.class).stream()
                .filter(label -> label.getParent().getChildrenUnmodifiable().stream()
                        .anyMatch(n -> n instanceof Label l && !l.getStyleClass().contains("ref-label") && subject.equals(l.getText())))
                .map(Label::getText).toList();
    }

    public void clickCommit(String subject) {
        Node row = robot.lookup("#historyTable .table-row-cell").match(node -> node instanceof TableRow<?> r
                && r.getItem() instanceof HistoryItem item && subject.equals(item.commit().subject())).query();
        robot.clickOn(row);
    }

    /**
     * Clicks the commit with {@code subject} until the detail shows it with its files, at most three
     * times. While a sync is still running it reads the history again when it publishes, and the
     * table then re-uses its rows for other commits: a click made as they move lands on another
     * row, as a person's would, and is made again.
     */
    public void clickCommitUntilShown(String subject) throws TimeoutException {
        for (int attempt = 1; ; attempt++) {
            clickCommit(subject);
            try {
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> subject.equals(shownCommitSubject()) && !changedFiles().isEmpty());
                WaitForAsyncUtils.waitForFxEvents();
                return;
            } catch (TimeoutException notYet) {
                if (attempt == 3) {
                    throw notYet;
                }
            }
        }
    }

    public void press(javafx.scene.input.KeyCode key) {
        robot.type(key);
    }

    public String shownCommitSubject() {
        return robot.lookup("#commitSubject").tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    @SuppressWarnings("unchecked")
    public List<String> changedFiles() {
        ListView<ChangedFile> files = robot.lookup("#changedFiles").tryQueryAs(ListView.class).orElse(new ListView<>());
        return files.getItems().stream().map(ChangedFile::path).toList();
    }

    @SuppressWarnings("unchecked")
    public List<DiffLine> diff() {
        ListView<DiffLine> diff = robot.lookup("#diffView").tryQueryAs(ListView.class).orElse(new ListView<>());
        return diff.getItems();
    }

    /** Style classes of the diff cells on screen, for checking that added and removed lines are coloured. */
    public List<String> diffCellKinds() {
        return robot.lookup("#diffView .list-cell").queryAll().stream()
                .flatMap(node -> node.getStyleClass().stream()).filter(c -> c.startsWith("diff-") && !c.equals("diff-line"))
                .toList();
    }
}
