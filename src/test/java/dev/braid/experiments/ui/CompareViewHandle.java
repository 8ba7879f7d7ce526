package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.repos.ChangedFile;
import dev.braid.repos.DiffLine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A comparison of runs as a person sees and uses it: its tabs, plots and code diff. */
public final class CompareViewHandle {
    private final FxRobot robot;

    public CompareViewHandle(FxRobot robot) {
        this.robot = robot;
    }

    public void waitUntil(BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            TimeoutException described = new TimeoutException("timed out; on screen: runs=" + comparedRuns().size()
                    + " note=" + label("#compareFilterNote") + " parallel=" + label("#parallelStatus")
                    + " scatter=" + label("#scatterStatus") + " diff=" + label("#codeDiffNote") + " files=" + diffFiles());
            described.initCause(e);
            throw described;
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks an experiment in the list by its name. */
    public void chooseExperiment(String name) {
        robot.clickOn(robot.lookup("#experimentList .list-cell").match(n -> n instanceof ListCell<?> c
                && c.getItem() instanceof ExperimentEntry e && e.experiment().name().equals(name)).<Node>query());
    }

    /** Selects every run in the runs table and presses Compare. */
    public void compareAll() {
        // A row that shows a run: the table also holds empty and recycled rows.
        robot.clickOn(robot.lookup("#runsTable .table-row-cell").match(n -> n instanceof javafx.scene.control.TableRow<?> r
                && r.getItem() != null && r.isVisible() && r.getIndex() == 0).<Node>query());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.clickOn("#compareButton");
    }

    /** Opens one of the comparison's tabs: Table, Metrics, Scatter, Parallel coordinates, Code diff. */
    public void openTab(String title) {
        robot.clickOn(robot.lookup("#compareTabs .tab-label").match(n -> n instanceof javafx.scene.control.Labeled l
                && title.equals(l.getText())).<Node>query());
    }

    public String selectedTab() {
        TabPane tabs = robot.lookup("#compareTabs").queryAs(TabPane.class);
        return tabs.getSelectionModel().getSelectedItem().getText();
    }

    /** The run names heading the comparison table's columns. */
    @SuppressWarnings("unchecked")
    public List<String> comparedRuns() {
        TableView<CompareRow> table = robot.lookup("#compareTable").tryQueryAs(TableView.class).orElse(null);
        return table == null ? List.of() : table.getColumns().stream().skip(1).map(c -> c.getText()).toList();
    }

    /** The run whose table column is marked as selected; null for none. */
    @SuppressWarnings("unchecked")
    public String selectedRunColumn() {
        TableView<CompareRow> table = robot.lookup("#compareTable").tryQueryAs(TableView.class).orElse(null);
        return table == null ? null : table.getColumns().stream().filter(c -> c.getStyleClass().contains("selected-run"))
                .map(c -> c.getText()).findFirst().orElse(null);
    }

    /** Picks a column, by its label ({@code metrics.val_auc}, {@code status}), in one of the scatter plot's boxes. */
    @SuppressWarnings("unchecked")
    public void pickScatter(String boxId, String label) throws TimeoutException {
        ComboBox<String> box = robot.lookup("#" + boxId).queryAs(ComboBox.class);
        robot.interact(() -> box.setValue(label));
        waitUntil(() -> label.equals(box.getValue()));
    }

    public ScatterPlotViewModel.Data scatterData() {
        return scatterChart().data();
    }

    private ScatterChart scatterChart() {
        return robot.lookup("#scatterChart").queryAs(ScatterChart.class);
    }

    /** Moves the pointer onto the dot of {@code point}. */
    public void hover(ScatterPoint point) {
        robot.moveTo(onScreen(scatterChart(), scatterChart().pixel(point)));
    }

    public void click(ScatterPoint point) {
        robot.clickOn(onScreen(scatterChart(), scatterChart().pixel(point)), MouseButton.PRIMARY);
    }

    /** The run the scatter plot names beside the pointer; null when the pointer is on no dot. */
    public String hoveredRun() {
        ScatterPoint point = scatterChart().hovered();
        return point == null ? null : point.name();
    }

    private ParallelChart parallelChart() {
        return robot.lookup("#parallelChart").queryAs(ParallelChart.class);
    }

    /** The index of the parallel-coordinates axis for a column id ({@code metrics.val_auc}). */
    public int axis(String id) {
        ParallelChart chart = parallelChart();
        return chart.model().axes().stream().map(RunColumn::id).toList().indexOf(id);
    }

    /** Drags along axis {@code axis} from one position (0 bottom, 1 top) to another. */
    public void brush(int axis, double from, double to) {
        ParallelChart chart = parallelChart();
        Point2D start = onScreen(chart, new double[] {chart.axisX(axis), chart.positionY(from)});
        Point2D end = onScreen(chart, new double[] {chart.axisX(axis), chart.positionY(to)});
        robot.drag(start, MouseButton.PRIMARY).moveTo(end).drop();
    }

    /** Double-clicks axis {@code axis} at position {@code at}, which clears its brush. */
    public void doubleClickAxis(int axis, double at) {
        ParallelChart chart = parallelChart();
        robot.doubleClickOn(onScreen(chart, new double[] {chart.axisX(axis), chart.positionY(at)}), MouseButton.PRIMARY);
    }

    public int keptRuns() {
        return parallelChart().model().dataProperty().get().keptCount();
    }

    public long parallelRedraws() {
        return parallelChart().redrawCount();
    }

    public String filterNote() {
        return label("#compareFilterNote");
    }

    public String diffNote() {
        return label("#codeDiffNote");
    }

    @SuppressWarnings("unchecked")
    public List<String> diffFiles() {
        ListView<ChangedFile> files = robot.lookup("#codeDiffFiles").tryQueryAs(ListView.class).orElse(null);
        return files == null ? List.of() : List.copyOf(files.getItems()).stream().map(ChangedFile::path).toList();
    }

    @SuppressWarnings("unchecked")
    public List<DiffLine> diffLines() {
        ListView<DiffLine> lines = robot.lookup("#codeDiffLines").tryQueryAs(ListView.class).orElse(null);
        return lines == null ? List.of() : List.copyOf(lines.getItems());
    }

    /** How many diff lines on screen are coloured as added or removed. */
    public long colouredDiffCells() {
        return robot.lookup("#codeDiffLines .diff-added").queryAll().size()
                + robot.lookup("#codeDiffLines .diff-removed").queryAll().size();
    }

    public RunSummary fromRun() {
        return robot.lookup("#codeDiffFrom").queryAs(ComboBox.class).getValue() instanceof RunSummary r ? r : null;
    }

    /** Saves what the comparison looks like to {@code folder/name.png} when a folder is given (for a person to look at). */
    public void snapshot(Path folder, String name) throws Exception {
        if (folder == null) {
            return;
        }
        Node view = robot.lookup("#compareView").query();
        Image image = robot.capture(view).getImage();
        BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        Files.createDirectories(folder);
        javax.imageio.ImageIO.write(out, "png", folder.resolve(name + ".png").toFile());
    }

    private String label(String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    private static Point2D onScreen(Node node, double[] local) {
        return node.localToScreen(local[0], local[1]);
    }
}
