package dev.braid.experiments.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.MlflowConnector;
import dev.braid.ui.GitFixture;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTreeViewModelTest {
    @TempDir
    Path tmp;
    private AppContext context;
    private ArtifactRuns runs;

    @BeforeEach
    void open() throws Exception {
        context = GitFixture.open(tmp.resolve("braid"));
        runs = ArtifactRuns.create(context, tmp);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private ArtifactTreeViewModel model(long cap) {
        ArtifactService service = new ArtifactService(context.database(), context.sources(),
                new MlflowConnector(Map.of(), Duration.ofSeconds(5)), context.dirs().artifactsDir(), cap);
        return new ArtifactTreeViewModel(service, new ImmediateTaskRunner(), runs.run.runPk());
    }

    private static List<String> paths(List<ArtifactEntry> entries) {
        return entries.stream().map(e -> e.path() + (e.directory() ? "/" : "")).toList();
    }

    @Test
    void foldersAreListedOnlyWhenExpanded() {
        ArtifactTreeViewModel model = model(ArtifactService.DEFAULT_SIZE_CAP);
        assertTrue(model.children("").isEmpty());

        model.expand("");
        assertEquals(List.of("README.md", "metrics/", "model.bin", "plots/"), paths(model.children("")));
        assertTrue(model.children("metrics").isEmpty(), "a folder not yet expanded is not read");
        assertFalse(model.emptyProperty().get());

        model.expand("metrics");
        assertEquals(List.of("metrics/deep/", "metrics/summary.json"), paths(model.children("metrics")));
        assertEquals("", model.statusProperty().get());
    }

    @Test
    void aSelectedTextFileIsFetchedAndShown() throws Exception {
        ArtifactTreeViewModel model = model(ArtifactService.DEFAULT_SIZE_CAP);
        model.expand("");
        model.expand("metrics");

        model.select(model.children("metrics").get(1));

        assertEquals(ArtifactTreeViewModel.Preview.TEXT, model.previewProperty().get());
        assertEquals(ArtifactRuns.SUMMARY, model.previewTextProperty().get());
        assertEquals("metrics/summary.json · 33 B", model.previewTitleProperty().get());
        assertEquals(ArtifactRuns.SUMMARY, Files.readString(runs.download(context, "metrics/summary.json")));
    }

    @Test
    void imagesBinariesAndFilesAboveTheCapAreExplained() {
        ArtifactTreeViewModel model = model(40);
        model.expand("");
        model.expand("plots");

        model.select(model.children("plots").get(0));
        assertEquals(ArtifactTreeViewModel.Preview.MESSAGE, model.previewProperty().get());
        assertTrue(model.messageProperty().get().contains("more than the 40 B Braid fetches"), model.messageProperty().get());
        assertFalse(Files.exists(runs.download(context, "plots/curve.png")), "nothing is fetched above the cap");

        model.select(model.children("").get(2));
        assertEquals(ArtifactTreeViewModel.Preview.MESSAGE, model.previewProperty().get());
        assertTrue(model.messageProperty().get().contains("is not text or an image"), model.messageProperty().get());

        ArtifactTreeViewModel roomy = model(ArtifactService.DEFAULT_SIZE_CAP);
        roomy.expand("");
        roomy.expand("plots");
        roomy.select(roomy.children("plots").get(0));
        assertEquals(ArtifactTreeViewModel.Preview.IMAGE, roomy.previewProperty().get());
        assertEquals(runs.download(context, "plots/curve.png").toUri().toString(), roomy.imageUrlProperty().get());
    }

    @Test
    void aFailedListingSaysWhyAndIsTriedAgainOnTheNextExpansion() throws Exception {
        ArtifactTreeViewModel model = model(ArtifactService.DEFAULT_SIZE_CAP);
        Path moved = tmp.resolve("moved");
        Files.move(tmp.resolve("mlruns"), moved);

        model.expand("");
        assertTrue(model.statusProperty().get().startsWith("Could not list the artifacts: "), model.statusProperty().get());

        Files.move(moved, tmp.resolve("mlruns"));
        model.expand("");
        assertEquals(4, model.children("").size());
        assertEquals("", model.statusProperty().get());
    }
}
