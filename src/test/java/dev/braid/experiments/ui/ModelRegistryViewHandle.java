package dev.braid.experiments.ui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;

/** The Models tab of the Experiments screen, and the run detail's links into it, as a person uses them. */
public final class ModelRegistryViewHandle {
    private final FxRobot robot;

    public ModelRegistryViewHandle(FxRobot robot) {
        this.robot = robot;
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

    /** Clicks the "Models" tab. */
    public void open() {
        robot.clickOn(robot.lookup("#experimentTabs .tab-label").match(n -> shown(n)
                && n instanceof Labeled l && "Models".equals(l.getText())).<Node>query());
    }

    /** The title of the selected tab of the Experiments screen. */
    public String selectedTab() {
        TabPane tabs = robot.lookup("#experimentTabs").queryAs(TabPane.class);
        return tabs.getSelectionModel().getSelectedItem().getText();
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String id) {
        return robot.lookup(id).match(ModelRegistryViewHandle::shown).tryQueryAs(TableView.class).orElse(new TableView<>());
    }

    /** Names of the listed registered models. */
    public List<String> models() {
        return List.copyOf(this.<ModelEntry>table("#modelsTable").getItems()).stream().map(ModelEntry::name).toList();
    }

    /** Types into the name filter. */
    public void filter(String text) {
        robot.clickOn("#modelFilter").write(text);
    }

    /** Clicks a registered model's row. */
    public void selectModel(String name) {
        robot.clickOn(robot.lookup("#modelsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof ModelEntry e && name.equals(e.name())).<Node>query());
    }

    /** The chosen model's versions as "number aliases" lines, newest first. */
    public List<String> versions() {
        return List.copyOf(this.<VersionRow>table("#versionsTable").getItems()).stream()
                .map(v -> (v.number() + " " + v.aliases()).strip()).toList();
    }

    /** The number of the selected version, or null. */
    public String selectedVersion() {
        VersionRow row = this.<VersionRow>table("#versionsTable").getSelectionModel().getSelectedItem();
        return row == null ? null : row.number();
    }

    /** Names of the listed logged models. */
    public List<String> loggedModels() {
        return List.copyOf(this.<LoggedModelRow>table("#loggedModelsTable").getItems()).stream()
                .map(r -> r.model().name()).toList();
    }

    /** Clicks the source run link of one version of the chosen model. */
    public void clickSourceRun(String version) {
        Node row = robot.lookup("#versionsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof VersionRow v && version.equals(v.number())).query();
        robot.clickOn(robot.from(row).lookup(".run-link").match(ModelRegistryViewHandle::shown).<Node>query());
    }

    /** The open run detail's links in its "Registered versions" section. */
    public List<String> registeredLinks() {
        return robot.lookup("#runRegisteredVersions .hyperlink").match(ModelRegistryViewHandle::shown).queryAll().stream()
                .map(n -> ((Hyperlink) n).getText()).toList();
    }

    /** Clicks a link in the open run detail's "Registered versions" section. */
    public void clickRegistered(String label) {
        robot.clickOn(robot.lookup("#runRegisteredVersions .hyperlink").match(n -> shown(n)
                && n instanceof Hyperlink h && label.equals(h.getText())).<Node>query());
    }

    /** Clicks the version number {@code number} of the chosen model (not a link of its row). */
    public void selectVersion(String number) {
        Node row = robot.lookup("#versionsTable .table-row-cell").match(n -> shown(n) && n instanceof TableRow<?> r
                && r.getItem() instanceof VersionRow v && number.equals(v.number())).query();
        robot.clickOn(robot.from(row).lookup(".table-cell").match(n -> shown(n)
                && n instanceof javafx.scene.control.TableCell<?, ?> c && number.equals(c.getText())).<Node>query());
    }

    /** The chosen version's "Trained on" links as drawn; empty when the line is hidden. */
    public List<String> trainedOn() {
        return robot.lookup("#versionFeatures .hyperlink").match(ModelRegistryViewHandle::shown).queryAll().stream()
                .map(n -> ((Hyperlink) n).getText()).toList();
    }

    /** Clicks the "Trained on" link that starts with {@code label} ({@code view@version}). */
    public void clickTrainedOn(String label) {
        robot.clickOn(robot.lookup("#versionFeatures .hyperlink").match(n -> shown(n)
                && n instanceof Hyperlink h && h.getText().startsWith(label)).<Node>query());
    }
}
