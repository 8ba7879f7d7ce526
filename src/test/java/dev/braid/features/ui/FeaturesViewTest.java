package dev.braid.features.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.features.FeatureViewVersion;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Features screen over the demo workspace, as "Open the demo" builds it in a real SQLite cache
 * (its Feast registry, git history and MLflow runs synced): the catalogue, a feature view's page,
 * comparing two of its versions, and following a stale model version's warning to the diff.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesViewTest {
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final List<String> followed = new CopyOnWriteArrayList<>();

    @BeforeAll
    void openTheDemo(@TempDir Path folder) throws Exception {
        context = GitFixture.open(folder.resolve("braid"));
        new DemoService(context.repositories(), new DemoWorkspace(), context.experiments(), null, null)
                .withFeatures(context.features()).open(folder.resolve("demo"), TestContexts.quiet());
        for (Source source : context.sources().list()) {
            SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(180, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), source.name() + ": " + run.error());
        }
    }

    @Start
    void start(Stage stage) {
        FeaturesViewModel model = new FeaturesViewModel(context.features(), context.featureUsage(), runner, ZoneOffset.UTC);
        model.setLinks(new FeatureLinksOut() {
            @Override
            public void openModelVersion(String mlflowSource, String name, String version) {
                followed.add("model " + mlflowSource + " " + name + " " + version);
            }

            @Override
            public void openLineage(String project, String view, String version) {
                followed.add("lineage " + project + "/" + view + "@" + version);
            }

            @Override
            public boolean hasLineage() {
                return true;
            }
        });
        Scene scene = new Scene((Parent) new FeaturesView(model).node(), 1280, 800);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        stage.toFront();
    }

    @AfterAll
    void close() {
        runner.close();
        context.close();
    }

    @Test
    void catalogueViewPageComparingVersionsAndFollowingAStaleModelWarning(FxRobot robot) throws Exception {
        FeaturesViewHandle view = new FeaturesViewHandle(robot);

        // The catalogue: the demo's four feature views, with counts.
        view.waitUntil(() -> view.viewNames().size() == 4);
        assertEquals(List.of("customer_profile", "engagement", "plan_encodings", "spend_and_support"), view.viewNames());
        assertTrue(view.counts().startsWith("1 project · 4 feature views · 1 entity · 2 feature services"), view.counts());
        assertEquals(List.of(), view.clippedHeaders(), "every catalogue column shows its whole title");

        // Search narrows it; clearing the search brings every view back.
        view.search("engage");
        view.waitUntil(() -> view.viewNames().equals(List.of("engagement")));
        view.search("owner:maya");
        view.waitUntil(() -> !view.viewNames().contains("engagement") && !view.viewNames().isEmpty());
        view.search("");
        view.waitUntil(() -> view.viewNames().size() == 4);

        // A view that changed: its fields, versions with the commits that introduced them.
        view.openView("engagement");
        view.waitUntil(() -> view.title().equals("engagement") && !view.staleWarning().isEmpty());
        assertTrue(view.facts().contains("Entities: customer"), view.facts());
        assertTrue(view.fields().contains("api_calls_7d"), view.fields().toString());
        view.tab("Versions");
        List<FeatureViewVersion> versions = view.versions();
        assertEquals(List.of("v1", "v0"), versions.stream().map(FeatureViewVersion::version).toList());
        assertTrue(versions.stream().allMatch(v -> !v.commits().isEmpty()), "each version names the commit that introduced it");

        // Compare two chosen versions.
        view.tab("Compare");
        view.compare(true, "v1");
        view.compare(false, "v1");
        view.waitUntil(() -> view.diff().equals(List.of("The same version.")));
        view.compare(true, "v0");
        view.waitUntil(() -> view.diff().contains("+ api_calls_7d: Int64"));
        assertEquals(List.of("v0", "v1"), view.compared());
        assertTrue(view.diff().contains("ttl: 30d → 7d"), view.diff().toString());

        // The champion was trained on v0: flagged, and its warning leads to what changed since.
        assertTrue(view.staleWarning().contains("used an older version than v1"), view.staleWarning());
        view.tab("Used by");
        view.waitUntil(() -> view.uses().contains("churn-classifier v3 @champion | v0 | v1"));
        view.tab("Compare");
        view.compare(true, "v1");
        view.waitUntil(() -> view.diff().equals(List.of("The same version.")));
        view.tab("Used by");
        view.followStale("churn-classifier v3 @champion");
        view.waitUntil(() -> view.selectedTab().equals("Compare") && view.diff().contains("+ api_calls_7d: Int64"));
        assertEquals(List.of("v0", "v1"), view.compared());

        // The model version opens where the window shows it; the page links to the lineage.
        view.tab("Used by");
        view.openUse("churn-classifier v3 @champion");
        view.waitUntil(() -> followed.contains("model demo-mlflow churn-classifier 3"));
        view.openLineage();
        view.waitUntil(() -> followed.contains("lineage churn/engagement@v1"));
    }
}
