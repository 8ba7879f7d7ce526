package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.pipelines.AnsiText;
import dev.braid.pipelines.PipelineDag;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.JenkinsReplay;
import dev.braid.pipelines.replay.ReplayServer;
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
import java.util.List;
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

/** A Jenkins build opened in the Pipelines view: a stage's log pane shows that stage's steps alone, its failure in view. */
@ExtendWith(ApplicationExtension.class)
class JenkinsStageLogViewTest {
    private static final String TOKEN = "11aa22bb33cc";
    private Path folder;
    private AppContext context;
    private ReplayServer server;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("braid-jenkins-view");
        context = GitFixture.open(folder.resolve("braid"));
        CiHistory history = CiHistory.generate(40, 4, 9);
        JenkinsReplay api = new JenkinsReplay(history, "ci-bot", TOKEN);
        server = ReplayServer.start(api);
        api.base(server.url());
        CiSources apis = CiSources.forTests(Map.of("JENKINS_TOKEN", TOKEN), context.clock(), Duration.ofSeconds(10),
                (d, s) -> { }, Duration.ofSeconds(5));
        PipelineService service = new PipelineService(context.database(), context.sources(), apis, context.clock(),
                PipelineService.DEFAULT_LOG_CAP_BYTES);
        Source source = service.addJenkins(server.url(), "acme", "ci-bot", "JENKINS_TOKEN", null);
        new PipelineSyncer("jenkins", context.database(), context.sources(), apis, context.clock())
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
    void aFailedStagesLogShowsItsOwnStepsWithTheFailureInView(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Pipelines");
        PipelinesViewHandle view = new PipelinesViewHandle(robot);
        view.waitUntil(() -> view.rows().size() == 40);
        view.filterStatus("failed");
        view.waitUntil(() -> !view.rows().isEmpty() && view.rows().stream().allMatch(r -> r.status() == PipelineStatus.FAILED));
        view.openRow(0);
        view.waitUntil(() -> view.dag().dag() != null && view.dag().redrawCount() > 0
                && view.dag().dag().nodes().stream().anyMatch(n -> n.job().status() == PipelineStatus.FAILED));
        List<PipelineDag.Node> nodes = view.dag().dag().nodes();
        String failed = nodes.stream().filter(n -> n.job().status() == PipelineStatus.FAILED).findFirst().orElseThrow()
                .job().name();

        view.clickJobInGraph(failed);
        view.waitUntil(() -> view.detailTab() == 2 && !view.logLines().isEmpty());

        List<String> lines = view.logLines().stream().map(AnsiText::plain).toList();
        assertTrue(lines.contains("▸ Shell Script: make " + failed + " (FAILED)"), lines.toString());
        for (PipelineDag.Node other : nodes) {
            if (!other.job().name().equals(failed)) {
                assertFalse(lines.contains("$ make " + other.job().name()), "not the log of " + other.job().name() + ": " + lines);
            }
        }
        String focused = lines.get(view.selectedLogLine());
        assertTrue(focused.contains("ERROR"), "the failure is in view: " + focused);
    }
}
