package dev.braid.features.ui;

import dev.braid.features.FeatureViewListing;
import dev.braid.features.FeatureViewVersion;
import dev.braid.testing.VisibleText;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Features screen as a person uses it: search, open a view, its tabs, comparing versions, stale warnings. */
final class FeaturesViewHandle {
    private final FxRobot robot;

    FeaturesViewHandle(FxRobot robot) {
        this.robot = robot;
    }

    void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

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

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    /** The names of the listed feature views, in order. */
    List<String> viewNames() {
        return List.copyOf(this.<FeatureViewListing>table("#featureViewsTable").getItems()).stream()
                .map(FeatureViewListing::name).toList();
    }

    /** The catalogue's column titles as drawn, for those cut short by an ellipsis. */
    List<String> clippedHeaders() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#featureViewsTable .column-header .label").queryAll().stream()
                .map(Labeled.class::cast).filter(VisibleText::isClipped)
                .map(l -> l.getText() + " drawn as " + VisibleText.drawn(l)).toList()).get(10, TimeUnit.SECONDS);
    }

    /** The counts line above the catalogue. */
    String counts() {
        return robot.lookup("#featureCounts").queryAs(Label.class).getText();
    }

    /** Replaces the search text. */
    void search(String text) {
        robot.doubleClickOn("#featureSearch").eraseText(40);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    /** Clicks the catalogue row of the feature view {@code name}. */
    void openView(String name) {
        robot.clickOn(robot.lookup("#featureViewsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof FeatureViewListing l && name.equals(l.name())).<Node>query());
    }

    /** The title of the open view's page. */
    String title() {
        return robot.lookup("#featureTitle").queryAs(Label.class).getText();
    }

    /** The facts under the title (project, kind, entities, source, TTL, owner, services). */
    String facts() {
        return robot.lookup("#featureFacts").queryAs(Label.class).getText();
    }

    /** The stale-use warning, or empty when it is hidden. */
    String staleWarning() {
        Label label = robot.lookup("#staleWarning").queryAs(Label.class);
        return label.isVisible() ? label.getText() : "";
    }

    /** Clicks a tab of the view's page ("Fields", "Versions", "Compare", "Used by"). */
    void tab(String name) {
        robot.clickOn(robot.lookup("#featureDetailTabs .tab-label").match(n -> shown(n) && n instanceof Labeled l
                && name.equals(l.getText())).<Node>query());
    }

    /** The title of the page's chosen tab. */
    String selectedTab() {
        return robot.lookup("#featureDetailTabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getText();
    }

    /** The field names of the open view. */
    List<String> fields() {
        return List.copyOf(this.<dev.braid.features.feast.ViewField>table("#featureFields").getItems()).stream()
                .map(dev.braid.features.feast.ViewField::name).toList();
    }

    /** The version timeline, newest first. */
    List<FeatureViewVersion> versions() {
        return List.copyOf(this.<FeatureViewVersion>table("#featureVersions").getItems());
    }

    /** Chooses {@code version} in the comparison's "From" or "to" box, as a person picks it from the list. */
    void compare(boolean from, String version) {
        String id = from ? "#compareFrom" : "#compareTo";
        robot.clickOn(id);
        WaitForAsyncUtils.waitForFxEvents();
        // The list is in the popup's own window, which a lookup from the screen's window does not reach.
        List<Node> roots = robot.listWindows().stream().filter(w -> w.isShowing() && w.getScene() != null)
                .map(w -> (Node) w.getScene().getRoot()).toList();
        robot.clickOn(robot.from(roots).lookup(".list-view .list-cell").match(n -> n instanceof Labeled l
                && version.equals(l.getText()) && shown(n)).<Node>query());
    }

    /** The two versions compared. */
    List<String> compared() {
        return List.of(String.valueOf(robot.lookup("#compareFrom").queryAs(ComboBox.class).getValue()),
                String.valueOf(robot.lookup("#compareTo").queryAs(ComboBox.class).getValue()));
    }

    /** The lines of the comparison. */
    List<String> diff() {
        @SuppressWarnings("unchecked")
        ListView<DiffLine> list = robot.lookup("#versionDiff").queryAs(ListView.class);
        return List.copyOf(list.getItems()).stream().map(DiffLine::text).toList();
    }

    /** The "Used by" rows as "what | used | current". */
    List<String> uses() {
        return List.copyOf(this.<UseRow>table("#featureUses").getItems()).stream()
                .map(r -> r.what() + " | " + r.version() + " | " + r.current()).toList();
    }

    /** Clicks the "stale" link of the "Used by" row whose run or model is {@code what}. */
    void followStale(String what) {
        TableView<UseRow> table = table("#featureUses");
        UseRow target = table.getItems().stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow();
        robot.interact(() -> table.scrollTo(target));
        WaitForAsyncUtils.waitForFxEvents();
        Node row = robot.lookup("#featureUses .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() == target).query();
        robot.clickOn(robot.from(row).lookup(".stale-link").match(n -> n instanceof Hyperlink && shown(n)).<Node>query());
    }

    /** Double-clicks the "Used by" row whose run or model is {@code what}. */
    void openUse(String what) {
        TableView<UseRow> table = table("#featureUses");
        UseRow target = table.getItems().stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow();
        robot.interact(() -> table.scrollTo(target));
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn(robot.lookup("#featureUses .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() == target).<Node>query());
    }

    /** Clicks the page's "Lineage" link. */
    void openLineage() {
        robot.clickOn("#featureLineageLink");
    }
}
