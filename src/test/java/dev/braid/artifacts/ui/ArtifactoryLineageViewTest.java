package dev.braid.artifacts.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.artifacts.ArtifactoryFixture;
import dev.braid.artifacts.ArtifactoryReplay;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.ui.LineageExplorerViewHandle;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 16's scenario in the window: a model file synced from Artifactory (the replay), found in
 * the Lineage page and followed through the build whose output has its checksum to the commit the
 * build was made from.
 */
@ExtendWith(ApplicationExtension.class)
class ArtifactoryLineageViewTest {
    private static final String SHA_2 = "2222222222222222222222222222222222222222";
    @TempDir
    Path folder;
    private ReplayServer server;
    private AppContext context;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        ArtifactoryReplay api = new ArtifactoryReplay(ArtifactoryFixture.TOKEN, "ci-bot", "hunter2-api-key");
        ArtifactoryFixture.project(api);
        server = ReplayServer.start(api);
        api.base(server.url());
        Path home = folder.resolve("braid");
        context = AppContext.open(new DataDirectories(home.resolve("data"), home.resolve("config")), Clock.systemUTC(),
                null, new Secrets(), Map.of("ART_TOKEN", ArtifactoryFixture.TOKEN));
        Source source = context.artifactory().add(server.url() + "/artifactory", List.of("ml-models-local", "datasets-local"),
                "ART_TOKEN", null, null, "jfrog");
        // The app's own sync: the Artifactory syncer, then its lineage step.
        SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(60, TimeUnit.SECONDS);
        if (run.outcome() != SyncOutcome.SUCCEEDED) {
            throw new AssertionError("sync ended " + run.outcome() + ": " + run.error());
        }
        workbench = new Workbench(GitFixture.services(context, null, context.lineage()), runner, scheduler, null);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
        server.close();
    }

    @Test
    void aModelFileFromArtifactoryLeadsThroughItsBuildToItsCommit(FxRobot robot) throws Exception {
        ShellViewHandle shell = new ShellViewHandle(robot);
        shell.navigateTo("Lineage");
        shell.waitUntilShowing("lineageExplorer");
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, workbench.lineage());

        view.search("fraud/2/model.onnx");

        NodeId build = LineageService.artifactoryBuild("jfrog", "train-fraud", "2");
        view.waitUntil(() -> view.graph().nodes().stream().anyMatch(p -> p.node().kind().equals(NodeKind.DATASET_VERSION)));
        LineageNode model = view.graph().nodes().stream().map(LaidOutGraph.Placed::node)
                .filter(n -> n.kind().equals(NodeKind.DATASET_VERSION) && n.id().value().contains("fraud/2/model.onnx"))
                .findFirst().orElseThrow(() -> new AssertionError("no model version shown: " + view.shownNames()));
        assertEquals("production", model.properties().get("property.stage"), "its promotion state on the node");
        assertEquals("ml-models-local", model.properties().get("repositories"));

        // Its version leads to the build whose output has the same checksum.
        view.clickNode(model.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals(model.name()));
        view.clickButton("#expandButton");
        view.waitUntil(() -> view.graph().nodes().stream().anyMatch(p -> p.node().id().equals(build)));

        // Expanding the build shows the commit it was built from.
        LineageNode buildNode = view.shown("train-fraud #2");
        view.clickNode(buildNode.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals("train-fraud #2"));
        view.clickButton("#expandButton");
        NodeId commit = LineageIds.commitForKey("github.com/acme/fraud", SHA_2);
        view.waitUntil(() -> view.graph().nodes().stream().anyMatch(p -> p.node().id().equals(commit)));

        view.clickNode(model.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals(model.name()));
        view.clickNode(commit, true);

        view.waitUntil(() -> workbench.lineage().pathProperty().get().paths() >= 1);
        assertEquals(List.of(commit, build, model.id()), workbench.lineage().pathProperty().get().nodes().stream()
                .sorted(java.util.Comparator.comparing((NodeId id) -> id.equals(commit) ? 0 : id.equals(build) ? 1 : 2))
                .toList(), "commit → build → model");
        assertTrue(view.status().contains("2 hops"), view.status());
    }
}
