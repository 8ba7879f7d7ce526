package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineRun;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Pipelines screen as a person uses it, for view tests. */
final class PipelinesViewHandle {
    private final FxRobot robot;

    PipelinesViewHandle(FxRobot robot) {
        this.robot = robot;
    }

    void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    TableView<PipelineRun> table() {
        return robot.lookup("#pipelinesTable").queryAs(TableView.class);
    }

    List<PipelineRun> rows() {
        return List.copyOf(table().getItems());
    }

    void filterStatus(String status) {
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup("#pipelineStatusFilter").queryAs(ComboBox.class);
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        // The choice in the open list, not a table cell that happens to say the same word.
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> cell
                && status.equals(cell.getText())).queryAs(javafx.scene.Node.class));
    }

    /** Selects row {@code index}, as arrow keys in the focused table do. */
    void openRow(int index) {
        robot.interact(() -> {
            table().requestFocus();
            table().getSelectionModel().clearAndSelect(index);
        });
    }

    String runTitle() {
        return robot.lookup("#pipelineRunTitle").queryAs(Label.class).getText();
    }

    DagCanvas dag() {
        return robot.lookup("#pipelineDag").queryAs(DagCanvas.class);
    }

    DagCanvas definitionDag() {
        return robot.lookup("#pipelineDefinitionDag").queryAs(DagCanvas.class);
    }

    String definitionNote() {
        return robot.lookup("#pipelineDefinitionNote").queryAs(Label.class).getText();
    }

    TimelineCanvas timeline() {
        return robot.lookup("#pipelineTimeline").queryAs(TimelineCanvas.class);
    }

    void showTab(String title) {
        robot.clickOn(title);
    }

    /** The Params and metrics tab's heading, params table and metrics table. */
    List<String> dvcComparison() {
        return List.of(robot.lookup("#dvcCompareHeading").queryAs(javafx.scene.control.Label.class).getText(),
                robot.lookup("#dvcParamsDiff").queryAs(javafx.scene.control.TextArea.class).getText(),
                robot.lookup("#dvcMetricsDiff").queryAs(javafx.scene.control.TextArea.class).getText());
    }

    int detailTab() {
        return robot.lookup("#pipelineDetailTabs").queryAs(TabPane.class).getSelectionModel().getSelectedIndex();
    }

    /** Clicks the job box named {@code name} in the graph. */
    void clickJobInGraph(String name) {
        DagCanvas dag = dag();
        var node = dag.dag().nodes().stream().filter(n -> n.job().name().equals(name)).findFirst().orElseThrow();
        var point = dag.localToScreen(DagCanvas.x(node) + 20, DagCanvas.y(node) + 10);
        robot.clickOn(point);
    }

    @SuppressWarnings("unchecked")
    List<String> logLines() {
        return List.copyOf(robot.lookup("#jobLog").queryAs(ListView.class).getItems());
    }

    int selectedLogLine() {
        return robot.lookup("#jobLog").queryAs(ListView.class).getSelectionModel().getSelectedIndex();
    }

    void search(String text) {
        robot.clickOn("#logSearch").write(text).type(javafx.scene.input.KeyCode.ENTER);
    }

    /** Chooses {@code kind} in the source-kind filter ("airflow", "gitlab", or "All kinds"). */
    void filterKind(String kind) {
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup("#pipelineKindFilter").queryAs(ComboBox.class);
        robot.interact(() -> {
            box.setValue(kind);
            box.getOnAction().handle(null);
        });
    }

    String pipelineNote() {
        return robot.lookup("#pipelineNote").queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    List<PipelinesViewModel.PipelineRow> dagRows() {
        return List.copyOf(robot.lookup("#orchestratorPipelines").queryAs(TableView.class).getItems());
    }

    @SuppressWarnings("unchecked")
    List<dev.braid.pipelines.PipelineJob> jobRows() {
        return List.copyOf(robot.lookup("#pipelineJobs").queryAs(ListView.class).getItems());
    }
}
