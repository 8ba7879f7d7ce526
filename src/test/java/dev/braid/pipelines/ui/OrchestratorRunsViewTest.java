package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.orchestrators.OrchestratorSources;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
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

/**
 * CI runs and Airflow DAG runs side by side in one table: the kind filter keeps the Airflow ones,
 * an opened DAG run draws its tasks with every try, and the DAGs tab shows a paused DAG.
 */
@ExtendWith(ApplicationExtension.class)
class OrchestratorRunsViewTest {
    private static final String PASSWORD = "view-test-password";
    private Path folder;
    private AppContext context;
    private ReplayServer gitlab;
    private ReplayServer airflow;
    private AirflowHistory history;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Workbench workbench;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("braid-orchestrator-view");
        context = GitFixture.open(folder.resolve("braid"));
        GitLabReplay ci = new GitLabReplay(CiHistory.generate(20, 4, 5), "acme/churn", null);
        gitlab = ReplayServer.start(ci);
        ci.base(gitlab.url());
        history = AirflowHistory.generate(30, 9, 11);
        airflow = ReplayServer.start(new AirflowReplay(history, true, PASSWORD));
        Map<String, String> env = Map.of("AF_PW", PASSWORD);
        RunSources apis = PipelineService.runSources(
                CiSources.forTests(env, context.clock(), Duration.ofSeconds(10), (d, s) -> { }, Duration.ofSeconds(5)),
                OrchestratorSources.forTests(env, context.clock(), Duration.ofSeconds(10), (d, s) -> { }));
        PipelineService service = new PipelineService(context.database(), context.sources(), apis, context.clock(),
                PipelineService.DEFAULT_LOG_CAP_BYTES);
        Source ciSource = service.addGitLab(gitlab.url(), "acme/churn", null, false, null);
        Source airflowSource = service.addAirflow(airflow.url(), AirflowReplay.USER, "AF_PW", null, "airflow-prod");
        new PipelineSyncer("gitlab", context.database(), context.sources(), apis, context.clock()).sync(ciSource, TestContexts.quiet());
        new PipelineSyncer("airflow", context.database(), context.sources(), apis, context.clock())
                .sync(context.sources().find(airflowSource.id()).orElseThrow(), TestContexts.quiet());
        workbench = new Workbench(GitFixture.services(context), runner, scheduler, null);
        workbench.setPipelines(service);
        WindowFixture.showIn(stage, workbench);
    }

    @AfterEach
    void close() throws Exception {
        workbench.close();
        scheduler.shutdownNow();
        runner.close();
        gitlab.close();
        airflow.close();
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void airflowRunsSitBesideCiRunsWithTheirTasksTriesAndPausedDags(FxRobot robot) throws Exception {
        new ShellViewHandle(robot).navigateTo("Pipelines");
        PipelinesViewHandle view = new PipelinesViewHandle(robot);
        view.waitUntil(() -> view.rows().size() == 50);
        assertTrue(view.rows().stream().anyMatch(r -> r.sourceKind().equals("gitlab")));

        view.filterKind("airflow");
        view.waitUntil(() -> view.rows().size() == 30 && view.rows().stream().allMatch(r -> r.sourceKind().equals("airflow")));

        AirflowHistory.Run flaky = history.runs().get(2);
        int row = indexOf(view.rows(), flaky.dagId + "/" + flaky.runId);
        view.openRow(row);
        view.waitUntil(() -> view.runTitle().contains(flaky.runId));
        assertTrue(view.runTitle().startsWith("airflow-prod"), view.runTitle());
        assertTrue(view.pipelineNote().startsWith("DAG " + flaky.dagId), view.pipelineNote());
        view.waitUntil(() -> view.dag().dag() != null && view.dag().redrawCount() > 0);
        assertTrue(view.dag().dag().nodes().stream().anyMatch(n -> n.job().name().equals("publish")));
        List<PipelineJob> t01 = view.jobRows().stream().filter(j -> j.name().equals("t01")).toList();
        assertEquals(2, t01.size(), "the failed try and its retry are both listed");
        assertTrue(t01.get(0).retried());

        view.showTab("DAGs");
        view.waitUntil(() -> view.dagRows().size() == 4);
        PipelinesViewModel.PipelineRow retired = view.dagRows().stream()
                .filter(r -> r.pipeline().pipeline().equals("retired_export")).findFirst().orElseThrow();
        assertEquals("paused", retired.state());
        assertEquals("airflow-prod", retired.source());
    }

    private static int indexOf(List<PipelineRun> rows, String id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no run " + id + " among " + rows.size());
    }
}
