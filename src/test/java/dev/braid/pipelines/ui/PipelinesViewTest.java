package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.pipelines.AnsiText;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.pipelines.PipelineService;
import dev.braid.shell.ShellViewHandle;
import dev.braid.shell.Workbench;
import dev.braid.sync.Source;
import dev.braid.testing.TestContexts;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.GitFixture;
import dev.braid.ui.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
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

/** Opens synced pipelines, filters to failures, opens a run, sees its graph and timeline, and reads a job's log. */
@ExtendWith(ApplicationExtension.class)
class PipelinesViewTest {
    private Path folder;
    private AppContext context;
    private ReplayServer server;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("braid-pipelines");
        context = GitFixture.open(folder.resolve("braid"));
        CiHistory history = CiHistory.generate(60, 5, 21);
        GitLabReplay api = new GitLabReplay(history, "acme/churn", null);
        server = ReplayServer.start(api);
        api.base(server.url());
        CiSources apis = CiSources.forTests(Map.of(), context.clock(), Duration.ofSeconds(10), (d, s) -> { }, Duration.ofSeconds(5));
        PipelineService service = new PipelineService(context.database(), context.sources(), apis, context.clock(),
                PipelineService.DEFAULT_LOG_CAP_BYTES);
        Source source = service.addGitLab(server.url(), "acme/churn", null, false, null);
        new PipelineSyncer("gitlab", context.database(), context.sources(), apis, context.clock())
                .sync(source, TestContexts.quiet());
        workbench = new Workbench(GitFixture.services(context), runner, scheduler, null);
        workbench.setPipelines(service);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        server.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void failuresFilteredARunOpenedItsGraphTimelineAndAJobLog(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Pipelines");
        PipelinesViewHandle view = new PipelinesViewHandle(robot);
        view.waitUntil(() -> view.rows().size() == 60);

        view.filterStatus("failed");
        view.waitUntil(() -> !view.rows().isEmpty() && view.rows().stream().allMatch(r -> r.status() == PipelineStatus.FAILED));
        PipelineRun first = view.rows().get(0);
        view.openRow(0);
        view.waitUntil(() -> view.runTitle().contains(first.label()));

        assertTrue(view.runTitle().contains("failed"), view.runTitle());
        view.waitUntil(() -> view.dag().dag() != null && view.dag().redrawCount() > 0);
        assertEquals(5, view.dag().dag().nodes().size());
        assertEquals("stages", view.dag().dag().edgesFrom());
        assertTrue(view.dag().dag().criticalPath().contains("deploy"));

        view.showTab("Timeline");
        view.waitUntil(() -> view.timeline().rows().size() >= 5 && view.timeline().redrawCount() > 0);

        view.showTab("Graph");
        view.clickJobInGraph("deploy");
        view.waitUntil(() -> view.detailTab() == 2 && !view.logLines().isEmpty());
        assertTrue(view.logLines().stream().anyMatch(l -> AnsiText.plain(l).contains("ERROR: Job failed")));
        int failing = view.selectedLogLine();
        assertTrue(AnsiText.plain(view.logLines().get(failing)).contains("ERROR"), "the failing section is in view");

        view.search("step 7");
        view.waitUntil(() -> AnsiText.plain(view.logLines().get(view.selectedLogLine())).contains("step 7"));
    }
}
