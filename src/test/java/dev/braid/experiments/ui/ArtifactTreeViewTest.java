package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.shell.WorkbenchServices;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Artifacts tab of a run opened from the Experiments screen, over a real local store's files. */
@ExtendWith(ApplicationExtension.class)
class ArtifactTreeViewTest {
    private Path folder;
    private AppContext context;
    private ArtifactRuns runs;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("braid-artifacts");
        context = GitFixture.open(folder.resolve("braid"));
        runs = ArtifactRuns.create(context, folder);
        WorkbenchServices services = GitFixture.services(context, context.experiments(), null);
        workbench = new Workbench(services, runner, scheduler, null);
        workbench.experiments().setArtifacts(context.artifacts());
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private ArtifactTreeHandle openArtifacts(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Experiments");
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);
        view.waitUntil(() -> view.runNames().equals(List.of("resnet-run")));
        view.openRun("resnet-run");
        view.waitUntil(() -> view.runTitle().contains("resnet-run"));
        view.openDetailTab("Artifacts");
        ArtifactTreeHandle artifacts = new ArtifactTreeHandle(robot);
        view.waitUntil(() -> artifacts.shownPaths().equals(List.of("README.md", "metrics/", "model.bin", "plots/")));
        return artifacts;
    }

    @Test
    void expandingAFolderListsItAndASelectedTextFileIsPreviewed(FxRobot robot) throws Exception {
        ArtifactTreeHandle artifacts = openArtifacts(robot);
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);

        artifacts.expand("metrics");
        view.waitUntil(() -> artifacts.shownPaths().equals(List.of("README.md", "metrics/", "metrics/deep/",
                "metrics/summary.json", "model.bin", "plots/")));
        artifacts.select("metrics/summary.json");

        view.waitUntil(() -> artifacts.previewText().equals(ArtifactRuns.SUMMARY));
        assertEquals("metrics/summary.json · 33 B", artifacts.previewTitle());
        Path copy = runs.download(context, "metrics/summary.json");
        assertTrue(artifacts.message().contains(copy.toString()), artifacts.message());
        assertEquals(ArtifactRuns.SUMMARY, Files.readString(copy));
    }

    @Test
    void anImageIsShownAndABinaryFileIsExplained(FxRobot robot) throws Exception {
        ArtifactTreeHandle artifacts = openArtifacts(robot);
        ExperimentsViewHandle view = new ExperimentsViewHandle(robot);

        artifacts.expand("plots");
        view.waitUntil(() -> artifacts.shownPaths().contains("plots/curve.png"));
        artifacts.select("plots/curve.png");
        view.waitUntil(() -> artifacts.imageSize() != null);
        assertEquals(40.0, artifacts.imageSize()[0]);
        assertEquals(24.0, artifacts.imageSize()[1]);

        artifacts.select("model.bin");
        view.waitUntil(() -> artifacts.message().contains("is not text or an image"));
        assertEquals("", artifacts.previewText());
    }
}
