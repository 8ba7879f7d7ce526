package dev.braid.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.ui.ExperimentsViewHandle;
import dev.braid.experiments.ui.ModelRegistryViewHandle;
import dev.braid.features.FeatureUse;
import dev.braid.features.FeatureViewListing;
import dev.braid.features.ModelVersionRef;
import dev.braid.features.ViewFilter;
import dev.braid.testing.DemoData;
import dev.braid.testing.DemoWindow;
import dev.braid.ui.Theme;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The way from Experiments into the Features page on the whole demo as {@code BraidApp} opens it: a
 * run's Features tab lists the feature view versions it used, with version and a stale warning where
 * the view has changed since, and a model version's "Trained on" links open the feature view's page.
 */
@ExtendWith(ApplicationExtension.class)
class RunAndModelFeaturesViewTest {
    private static DemoData demo;
    /** A run of the demo that used a version of a feature view that has changed since, and was registered. */
    private static FeatureUse staleUse;
    private DemoWindow window;

    @BeforeAll
    static void openDemo() throws Exception {
        demo = DemoData.openWhole();
        for (FeatureViewListing view : demo.context().features().listings(ViewFilter.ALL)) {
            for (FeatureUse use : demo.context().featureUsage().usedBy(view.viewPk(), null)) {
                if (use.stale() && use.isMlflowRun() && !use.modelVersions().isEmpty() && staleUse == null) {
                    staleUse = use;
                }
            }
        }
        assertTrue(staleUse != null, "the demo has a registered run trained on a stale feature version");
    }

    @AfterAll
    static void closeDemo() throws Exception {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        window = DemoWindow.showWhole(demo, stage, Theme.LIGHT);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(window::close);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Waits for {@code condition}; on timeout fails with what {@code state} shows then. */
    private static void waitFor(Callable<Boolean> condition, java.util.function.Supplier<Object> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; shown: " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForFeaturePage(String view) throws Exception {
        waitFor(() -> window.workbench().shell().pageProperty().get() == Page.FEATURES);
        waitFor(() -> window.workbench().features().selectedProperty().get() != null
                && window.workbench().features().selectedProperty().get().name().equals(view));
    }

    @Test
    void aRunsFeaturesTabListsTheVersionsItUsedWithAStaleWarningAndOpensTheView(FxRobot robot) throws Exception {
        ExperimentsViewHandle experiments = new ExperimentsViewHandle(robot);
        new ShellViewHandle(robot).navigateTo("Experiments");
        waitFor(() -> robot.lookup("#runsTable").tryQuery().isPresent() && !experiments.runNames().isEmpty(), experiments::runNames);
        experiments.filter("attributes.run_id = '" + staleUse.runId() + "'");
        waitFor(() -> experiments.showsRun(staleUse.runName()), () -> staleUse.runName() + " not in " + experiments.runNames());
        experiments.openRun(staleUse.runName());
        experiments.waitUntil(() -> !experiments.runTitle().isEmpty());
        experiments.openDetailTab("Features");
        String row = staleUse.project() + "/" + staleUse.view() + "@" + staleUse.version();
        waitFor(() -> experiments.runFeatures().stream().anyMatch(r -> r.startsWith(row + " | ")), experiments::runFeatures);
        List<String> rows = experiments.runFeatures();
        assertTrue(rows.contains(row + " | ⚠ " + staleUse.currentVersion() + " (stale)"), rows.toString());

        experiments.openRunFeature(staleUse.project() + "/" + staleUse.view());
        waitForFeaturePage(staleUse.view());
    }

    @Test
    void aModelVersionsTrainedOnLinksOpenTheFeatureViewsPage(FxRobot robot) throws Exception {
        ModelVersionRef version = staleUse.modelVersions().get(0);
        new ShellViewHandle(robot).navigateTo("Experiments");
        ModelRegistryViewHandle registry = new ModelRegistryViewHandle(robot);
        waitFor(() -> robot.lookup("#experimentTabs").tryQuery().isPresent(), () -> "no Experiments tabs");
        registry.open();
        waitFor(() -> "Models".equals(registry.selectedTab()), registry::selectedTab);
        waitFor(() -> registry.models().contains(version.model()), () -> registry.models() + " want " + version);
        registry.selectModel(version.model());
        waitFor(() -> registry.versions().stream().anyMatch(v -> v.equals(version.version())
                || v.startsWith(version.version() + " ")), registry::versions);
        registry.selectVersion(version.version());
        String label = staleUse.view() + "@" + staleUse.version();
        waitFor(() -> registry.trainedOn().stream().anyMatch(l -> l.startsWith(label)), registry::trainedOn);
        assertEquals(List.of(label + " ⚠ stale (now " + staleUse.currentVersion() + ")"),
                registry.trainedOn().stream().filter(l -> l.startsWith(label)).toList());

        registry.clickTrainedOn(label);
        waitForFeaturePage(staleUse.view());
        assertEquals(staleUse.project(), fx(() -> window.workbench().features().selectedProperty().get().project()));
    }
}
