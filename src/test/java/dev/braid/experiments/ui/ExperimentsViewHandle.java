package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.chart.ChartSeries;
import dev.braid.ui.chart.MetricChart;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Experiments screen as a person sees and uses it. */
public final class ExperimentsViewHandle {
    private final FxRobot robot;

    public ExperimentsViewHandle(FxRobot robot) {
        this.robot = robot;
    }

    public void waitUntil(BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            TimeoutException described = new TimeoutException("timed out; on screen: " + describe());
            described.initCause(e);
            throw described;
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What the screen shows, for failure messages. */
    private String describe() {
        return "tabs=" + robot.lookup(".tab-label").queryAll().stream().map(n -> ((javafx.scene.control.Labeled) n).getText()).toList()
                + " runs=" + runNames() + " run=" + runTitle() + " params=" + params() + " tags=" + tags()
                + " chart=" + chartSeries() + " charts=" + robot.lookup("#metricChart").queryAll().stream()
                .map(n -> shown(n) + "/" + ((MetricChart) n).getSeries().size()).toList()
                + " plot=" + robot.lookup(".plot-controls .label").queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList()
                + " selectedTab=" + robot.lookup("#runDetailTabs").queryAll().stream()
                .map(n -> ((javafx.scene.control.TabPane) n).getSelectionModel().getSelectedItem().getText()).toList() + " compare=" + compareRows() + " groups=" + groups();
    }

    /** True when the node and every parent up to the scene's root are visible. */
    private static boolean shown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private <T extends Node> T visible(String query, Class<T> type) {
        return robot.lookup(query).match(ExperimentsViewHandle::shown).tryQueryAs(type).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private TableView<RunSummary> runsTable() {
        TableView<RunSummary> table = visible("#runsTable", TableView.class);
        return table == null ? new TableView<>() : table;
    }

    /** Run names in the order the table shows them. */
    public List<String> runNames() {
        return List.copyOf(runsTable().getItems()).stream().map(RunSummary::runName).toList();
    }

    /** Types {@code text} into the filter field and presses Enter. */
    public void filter(String text) {
        robot.clickOn("#runFilter").write(text).type(KeyCode.ENTER);
    }

    /** Shows a param, metric or tag column (its id, e.g. {@code metrics.rmse}) through the column chooser. */
    public void showColumn(String id) throws TimeoutException {
        robot.clickOn("#columnsButton");
        robot.clickOn("#columnSearch").write(id.substring(id.indexOf('.') + 1));
        waitUntil(() -> robot.lookup("#columnKeys .list-cell").match(n -> id.equals(cellId(n))).tryQuery().isPresent());
        Node cell = robot.lookup("#columnKeys .list-cell").match(n -> id.equals(cellId(n))).query();
        if (!(((ListCell<?>) cell).getGraphic() instanceof javafx.scene.control.CheckBox box && box.isSelected())) {
            robot.clickOn(((ListCell<?>) cell).getGraphic());
        }
        robot.clickOn("#columnsButton");
    }

    private static String cellId(Node node) {
        return node instanceof ListCell<?> cell && cell.getItem() instanceof RunColumn column ? column.id() : null;
    }

    /** Clicks the header of the column with this id ({@code status}, {@code metrics.rmse}), scrolling to it first. */
    public void clickHeader(String id) {
        TableView<RunSummary> table = runsTable();
        robot.interact(() -> table.getColumns().stream().filter(c -> ("col-" + id).equals(c.getId())).findFirst()
                .ifPresent(table::scrollToColumn));
        Node header = robot.lookup("#runsTable .column-header").match(n -> n instanceof TableColumnHeader h
                && h.getTableColumn() != null && ("col-" + id).equals(h.getTableColumn().getId())).query();
        robot.clickOn(header);
    }

    private Node row(String runName) {
        return robot.lookup("#runsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof RunSummary run && runName.equals(run.runName())).query();
    }

    /** True when the runs table draws a row for {@code runName}. */
    public boolean showsRun(String runName) {
        return robot.lookup("#runsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof RunSummary run && runName.equals(run.runName())).tryQuery().isPresent();
    }

    /** Opens a run's detail: selects its row and presses Enter. */
    public void openRun(String runName) {
        robot.clickOn(row(runName)).type(KeyCode.ENTER);
    }

    /** Selects these runs (the first with a click, the rest with Ctrl+click) and presses Compare. */
    public void compare(String... runNames) {
        robot.clickOn(row(runNames[0]));
        for (int i = 1; i < runNames.length; i++) {
            robot.press(KeyCode.CONTROL).clickOn(row(runNames[i])).release(KeyCode.CONTROL);
        }
        robot.clickOn("#compareButton");
    }

    public String runTitle() {
        javafx.scene.control.Label title = visible("#runTitle", javafx.scene.control.Label.class);
        return title == null ? "" : title.getText();
    }

    /** The opened run's params as "name=value". */
    @SuppressWarnings("unchecked")
    public List<String> params() {
        TableView<Field> table = robot.lookup("#runParams").tryQueryAs(TableView.class).orElse(new TableView<>());
        return List.copyOf(table.getItems()).stream().map(f -> f.name() + "=" + f.value()).toList();
    }

    /** Opens one of the run detail's inner tabs (Overview, Params, Chart, …). */
    public void openDetailTab(String name) {
        robot.clickOn(robot.lookup("#runDetailTabs .tab-label").match(n -> shown(n)
                && n instanceof javafx.scene.control.Labeled l && name.equals(l.getText())).<Node>query());
    }

    /** The open run's Features tab as "view@version | current" rows (current carries the stale warning). */
    @SuppressWarnings("unchecked")
    public List<String> runFeatures() {
        TableView<RunFeatures.UsedFeature> table = visible("#runFeatures", TableView.class);
        if (table == null) {
            return List.of();
        }
        return table.lookupAll(".table-row-cell").stream().filter(n -> n instanceof TableRow<?> r && !r.isEmpty())
                .map(n -> ((TableRow<?>) n).lookupAll(".table-cell").stream()
                        .map(c -> ((javafx.scene.control.TableCell<?, ?>) c).getText()).toList())
                .map(cells -> cells.get(0) + "@" + cells.get(1) + " | " + cells.get(2)).toList();
    }

    /** Double-clicks the row of feature view {@code project/view} in the open run's Features tab. */
    public void openRunFeature(String qualifiedView) {
        robot.doubleClickOn(robot.lookup("#runFeatures .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof RunFeatures.UsedFeature f && qualifiedView.equals(f.project() + "/" + f.view())).<Node>query());
    }

    /** Picks a metric in the shown chart's metric box. */
    @SuppressWarnings("unchecked")
    public void chartMetric(String key) throws TimeoutException {
        ComboBox<String> box = visible("#plotMetric", ComboBox.class);
        robot.clickOn(box);
        waitUntil(() -> robot.lookup(".combo-box-popup .list-cell").match(n -> shown(n)
                && n instanceof ListCell<?> c && key.equals(c.getItem())).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(n -> shown(n)
                && n instanceof ListCell<?> c && key.equals(c.getItem())).<Node>query());
    }

    /** The series of the chart on screen, as "name:points". */
    public List<String> chartSeries() {
        MetricChart chart = visible("#metricChart", MetricChart.class);
        return chart == null ? List.of() : List.copyOf(chart.getSeries()).stream()
                .map((ChartSeries s) -> s.name() + ":" + s.y().length).toList();
    }

    /** The comparison's rows as "label: value | value …". */
    @SuppressWarnings("unchecked")
    public List<String> compareRows() {
        TableView<CompareRow> table = visible("#compareTable", TableView.class);
        return table == null ? List.of() : List.copyOf(table.getItems()).stream()
                .map(r -> r.label() + ": " + String.join(" | ", r.values())).toList();
    }

    /** Column headings of the comparison table after "Key". */
    @SuppressWarnings("unchecked")
    public List<String> comparedRuns() {
        TableView<CompareRow> table = visible("#compareTable", TableView.class);
        return table == null ? List.of() : table.getColumns().stream().skip(1).map(c -> c.getText()).toList();
    }

    public void showDifferencesOnly() {
        robot.clickOn(visible("#compareDifferencesOnly", CheckBox.class));
    }

    /** Style classes marking best values among the comparison cells on screen. */
    public long bestValueCells() {
        return robot.lookup("#compareTable .best-value").queryAll().stream().filter(ExperimentsViewHandle::shown).count();
    }

    /** Chooses a param or tag (its id, e.g. {@code params.model}) in the "Group by" box. */
    public void groupBy(String id) throws TimeoutException {
        robot.clickOn("#groupBy");
        waitUntil(() -> robot.lookup(".combo-box-popup .list-cell").match(n -> shown(n)
                && n instanceof ListCell<?> c && c.getItem() instanceof RunColumn col && id.equals(col.id())).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(n -> shown(n)
                && n instanceof ListCell<?> c && c.getItem() instanceof RunColumn col && id.equals(col.id())).<Node>query());
    }

    /** The groups table as "value runs" lines; empty while it is hidden. */
    @SuppressWarnings("unchecked")
    public List<String> groups() {
        TableView<RunGroup> table = visible("#groupTable", TableView.class);
        return table == null ? List.of() : List.copyOf(table.getItems()).stream()
                .map(g -> g.label() + " " + g.count()).toList();
    }

    /** The text of a group's statistic cell as shown, e.g. {@code groupCell("xgb", "rmse", "mean")}. */
    public String groupCell(String value, String metric, String stat) {
        return robot.lookup("#groupTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                        && r.getItem() instanceof RunGroup g && value.equals(g.label())).queryAll().stream()
                .flatMap(row -> robot.from(row).lookup(".table-cell").queryAll().stream())
                .filter(cell -> cell instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && ("group-" + metric + "-" + stat).equals(c.getTableColumn().getId()))
                .map(cell -> ((javafx.scene.control.TableCell<?, ?>) cell).getText()).findFirst().orElse("");
    }

    /** Opens a group (double-click): its runs become the table's selection. */
    public void openGroup(String value) {
        Node row = robot.lookup("#groupTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof RunGroup g && value.equals(g.label())).query();
        robot.doubleClickOn(row);
    }

    /** Names of the selected runs in the runs table. */
    public List<String> selectedRuns() {
        return List.copyOf(runsTable().getSelectionModel().getSelectedItems()).stream().map(RunSummary::runName).toList();
    }

    /** Run names as shown, each indented two spaces per nesting level. */
    public List<String> nestedRunNames() {
        TableView<RunSummary> table = runsTable();
        return List.copyOf(table.getItems()).stream().map(run -> {
            Node cell = robot.lookup("#runsTable .table-row-cell").match(n -> n instanceof TableRow<?> r && r.getItem() == run)
                    .tryQuery().orElse(null);
            Node arrow = cell == null ? null : robot.from(cell).lookup(".run-disclosure").tryQuery().orElse(null);
            double width = arrow instanceof javafx.scene.control.Label l && l.getParent() != null ? l.getPrefWidth() : 0;
            int depth = width <= 0 ? 0 : (int) Math.round(width / 16) - 1;
            return "  ".repeat(depth) + run.runName();
        }).toList();
    }

    /** Clicks the disclosure arrow of the run with this MLflow id. */
    public void toggleChildren(String runId) {
        robot.clickOn("#toggle-" + runId);
    }

    /** The opened run's tags as "name=value". */
    @SuppressWarnings("unchecked")
    public List<String> tags() {
        TableView<Field> table = robot.lookup("#runTags").tryQueryAs(TableView.class).orElse(new TableView<>());
        return List.copyOf(table.getItems()).stream().map(f -> f.name() + "=" + f.value()).toList();
    }

    /** Types a tag key and value under the opened run's tags and presses "Set tag". */
    public void setTag(String key, String value) {
        robot.clickOn("#tagKey").write(key);
        robot.clickOn("#tagValue").write(value);
        robot.clickOn("#setTagButton");
    }

    /** Clicks the star in the row of the run with this name. */
    public void starRun(String runName) {
        robot.clickOn(robot.from(row(runName)).lookup(".run-star").<Node>query());
    }

    /** The star as shown in a run's row: "★" or "☆". */
    public String runStar(String runName) {
        return robot.lookup("#runsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                        && r.getItem() instanceof RunSummary run && runName.equals(run.runName())).tryQuery()
                .flatMap(row -> robot.from(row).lookup(".run-star").tryQueryAs(javafx.scene.control.Label.class))
                .map(javafx.scene.control.Label::getText).orElse("");
    }

    /** Ticks or unticks "Starred only". */
    public void toggleStarredOnly() {
        robot.clickOn("#starredOnly");
    }

    /** Clicks the star of the experiment with this name in the experiment list. */
    public void starExperiment(String name) {
        Node cell = robot.lookup("#experimentList .list-cell").match(n -> n instanceof ListCell<?> c
                && c.getItem() instanceof ExperimentEntry e && name.equals(e.experiment().name())).query();
        robot.clickOn(robot.from(cell).lookup(".run-star").<Node>query());
    }

    /** Names of the experiments whose star is filled. */
    public List<String> starredExperiments() {
        return robot.lookup("#experimentList .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() instanceof ExperimentEntry)
                .filter(n -> robot.from(n).lookup(".run-star").tryQueryAs(javafx.scene.control.Label.class)
                        .map(l -> "★".equals(l.getText())).orElse(false))
                .map(n -> ((ExperimentEntry) ((ListCell<?>) n).getItem()).experiment().name()).sorted().toList();
    }

    /** The line under the toolbar: "4 runs", "5,004 runs · 200 loaded — scroll for more". */
    public String status() {
        javafx.scene.control.Label status = visible("#runsStatus", javafx.scene.control.Label.class);
        return status == null ? "" : status.getText();
    }

    /** Ids of the runs table's columns, in order ({@code status}, {@code metrics.rmse}). */
    /** The runs table's columns, left to right, by id ({@code status}, {@code metrics.rmse}); keys without their group heading. */
    public List<String> columnIds() {
        return runsTable().getVisibleLeafColumns().stream().map(c -> c.getId().substring("col-".length())).toList();
    }

    /** The headings above the table's columns, as shown: "Status", "Metrics", "Params"... */
    public List<String> headings() {
        return runsTable().getColumns().stream().map(c -> c.getText()).toList();
    }

    /** The header text of the column {@code id} as drawn (the whole name, or cut with an ellipsis). */
    public String drawnHeader(String id) {
        return robot.lookup("#runsTable .column-header").match(n -> n instanceof javafx.scene.control.skin.TableColumnHeader h
                && h.getTableColumn() != null && ("col-" + id).equals(h.getTableColumn().getId())).queryAll().stream()
                .flatMap(h -> robot.from(h).lookup(".label").queryAll().stream())
                .map(l -> dev.braid.testing.VisibleText.drawn((javafx.scene.control.Labeled) l)).findFirst().orElse("");
    }

    /** The alignment of a shown cell of column {@code id}, e.g. CENTER_RIGHT for numbers. */
    public javafx.geometry.Pos cellAlignment(String id) {
        return robot.lookup("#runsTable .table-cell").match(n -> shown(n) && n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() != null && ("col-" + id).equals(c.getTableColumn().getId()) && c.getText() != null
                && !c.getText().isEmpty()).queryAll().stream().findFirst()
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getAlignment()).orElse(null);
    }

    /** Scrolls the runs table to its last loaded row. */
    public void scrollToLastRow() {
        TableView<RunSummary> table = runsTable();
        robot.interact(() -> table.scrollTo(table.getItems().size() - 1));
    }

    /** How many rows the runs table holds (loaded so far). */
    public int rowCount() {
        return runsTable().getItems().size();
    }

    /** The opened run's metrics as "key latest min max steps". */
    @SuppressWarnings("unchecked")
    public List<String> metricRows() {
        TableView<MetricRow> table = robot.lookup("#runMetrics").tryQueryAs(TableView.class).orElse(new TableView<>());
        return List.copyOf(table.getItems()).stream()
                .map(r -> String.join(" ", r.key(), r.latest(), r.min(), r.max(), r.steps()).strip()).toList();
    }
}
