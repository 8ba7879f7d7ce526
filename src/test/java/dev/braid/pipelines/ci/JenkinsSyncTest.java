package dev.braid.pipelines.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.PipelineFixture;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.JenkinsReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsSyncTest {
    @TempDir
    Path tmp;
    private CiHistory history;
    private JenkinsReplay api;
    private ReplayServer server;
    private PipelineFixture fx;
    private Source source;

    @BeforeEach
    void start() throws Exception {
        history = CiHistory.generate(230, 4, 3);
        api = new JenkinsReplay(history, "ci-bot", "11aa22bb33cc");
        server = ReplayServer.start(api);
        api.base(server.url());
        fx = new PipelineFixture(tmp, Map.of("JENKINS_TOKEN", "11aa22bb33cc"), Duration.ofSeconds(5), Duration.ofSeconds(30));
        source = fx.service.addJenkins(server.url(), "acme", "ci-bot", "JENKINS_TOKEN", null);
    }

    @AfterEach
    void stop() {
        server.close();
        fx.close();
    }

    @Test
    void aFolderIsWalkedToEveryBranchJobAndItsBuildsWithStages() throws Exception {
        SyncCounts counts = fx.sync(source);

        assertEquals(230, counts.added());
        assertEquals("jenkins:acme", source.name());
        CiHistory.Run run = history.runs().get(5);
        PipelineRunDetail detail = fx.service.run(source.name(), api.runId(run)).orElseThrow(() -> new AssertionError(
                api.runId(run) + " not among " + fx.service.runs(PipelineQuery.all().page(0, 5)).stream()
                        .map(dev.braid.pipelines.PipelineRun::id).toList()));
        assertEquals("feature/fast-2", detail.run().ref(), "the branch the build says it built");
        assertEquals(run.sha, detail.run().sha());
        assertEquals("acme/churn/feature/fast", detail.run().pipeline());
        assertEquals("push", detail.run().event());
        List<PipelineJob> stages = detail.jobs();
        assertEquals(List.of("compile", "integration", "unit-1", "deploy"), stages.stream().map(PipelineJob::name).toList());
        assertEquals(List.of("unit-1"), stages.get(3).needs());
        assertEquals("stage", stages.get(0).kind());
        assertTrue(server.requests().stream().anyMatch(r -> r.path().contains("/job/feature%252Ffast/")));
        assertTrue(server.requests().stream().filter(r -> r.path().endsWith("api/json") && r.param("tree") != null
                && r.param("tree").startsWith("allBuilds")).allMatch(r -> r.param("tree").endsWith("{0,100}")
                || r.param("tree").endsWith("{100,200}")));
        assertEquals(1, fx.service.countRuns(new PipelineQuery(List.of(), List.of("jenkins"), null,
                List.of(PipelineStatus.RUNNING), null, null, null, null, false, 0, 0)));
    }

    @Test
    void laterSyncsReadOnlyNewBuildsAndTheOnesStillRunning() throws Exception {
        fx.sync(source);
        server.clearRequests();
        assertEquals(new SyncCounts(0, 0, 0), fx.sync(source));
        assertTrue(server.requests().size() <= 8, server.requests().toString());

        history.finish(history.runs().get(229), "failed");
        history.addRun("success");
        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(1, 1, 0), counts);
    }

    @Test
    void aStageLogHoldsItsOwnStepsOnlyAsText() throws Exception {
        fx.sync(source);
        CiHistory.Run run = history.runs().get(3);
        PipelineRunDetail detail = fx.service.run(source.name(), api.runId(run)).orElseThrow();
        PipelineJob integration = detail.jobs().get(1);
        assertEquals("integration", integration.name());
        server.clearRequests();

        dev.braid.pipelines.JobLog log = fx.service.log(source.name(), api.runId(run), integration.id(), false);

        String text = log.text();
        assertTrue(text.contains("$ make integration"), text);
        assertTrue(text.contains("Print Message: entering integration") && text.contains("Shell Script: make integration"), text);
        assertTrue(text.contains("Entering stage integration <"), "HTML entities are read back: " + text);
        assertFalse(text.contains("&lt;") || text.contains("&amp;"), text);
        assertFalse(text.contains("$ make compile") || text.contains("$ make deploy"), "no other stage's output: " + text);
        assertFalse(log.truncated());
        assertEquals(0, server.count(r -> r.path().endsWith("consoleText")), "the whole console is not fetched");
        assertEquals(1, server.count(r -> r.path().endsWith("/execution/node/" + integration.id() + "/wfapi/describe")));
        assertEquals(2, server.count(r -> r.path().endsWith("/wfapi/log")), "one log per step of the stage");
    }

    @Test
    void aStepWhoseStartJenkinsLeftOutSaysSoAndWhereTheWholeConsoleIs() throws Exception {
        fx.sync(source);
        CiHistory.Run run = history.runs().get(3);
        PipelineJob compile = fx.service.run(source.name(), api.runId(run)).orElseThrow().jobs().get(0);
        int shell = Integer.parseInt(compile.id()) + 2;
        server.fail(r -> r.path().endsWith("/execution/node/" + shell + "/wfapi/log"), 1, ReplayServer.Reply.json(200,
                "{\"nodeId\":\"" + shell + "\",\"nodeStatus\":\"SUCCESS\",\"length\":10240,\"hasMore\":true,"
                        + "\"text\":\"the last lines &amp; more\\n\",\"consoleUrl\":\"/x\"}"));

        String text = fx.service.log(source.name(), api.runId(run), compile.id(), false).text();

        assertTrue(text.contains("the start of this step's output is left out: Jenkins sends the last 10240 characters"), text);
        assertTrue(text.contains("/" + api.runId(run).substring(api.runId(run).lastIndexOf('/') + 1) + "/consoleText"), text);
        assertTrue(text.contains("the last lines & more"), text);
    }

    @Test
    void aFailedStageLogEndsWithItsErrorAndAServerWithoutNodeLogsGivesTheConsole() throws Exception {
        fx.sync(source);
        CiHistory.Run run = history.runs().stream().filter(r -> r.jobs.stream().anyMatch(j -> j.status.equals("failed")
                && r.jobs.stream().noneMatch(o -> o != j && o.name.equals(j.name) && o.attempt > j.attempt)))
                .findFirst().orElseThrow();
        PipelineRunDetail detail = fx.service.run(source.name(), api.runId(run)).orElseThrow();
        PipelineJob failed = detail.jobs().stream().filter(j -> j.status() == PipelineStatus.FAILED).findFirst().orElseThrow();

        String text = fx.service.log(source.name(), api.runId(run), failed.id(), false).text();

        assertTrue(text.contains("Shell Script: make " + failed.name() + " (FAILED)"), text);
        assertTrue(text.strip().endsWith("ERROR: script returned exit code 1"), text);
        // A Jenkins without the Pipeline REST API's node endpoints: the whole console, as before.
        PipelineJob other = detail.jobs().stream().filter(j -> j != failed).findFirst().orElseThrow();
        server.fail(r -> r.path().contains("/execution/node/"), 10, ReplayServer.Reply.text(404, "Not Found"));
        String console = fx.service.log(source.name(), api.runId(run), other.id(), false).text();
        assertTrue(console.contains("$ make " + other.name()) && console.contains("$ make " + failed.name()), console);
    }

    @Test
    void aWrongApiTokenIsAClearError() throws Exception {
        fx.close();
        fx = new PipelineFixture(tmp.resolve("other"), Map.of("JENKINS_TOKEN", "nope"), Duration.ofSeconds(5), Duration.ofSeconds(30));
        Source wrong = fx.service.addJenkins(server.url(), "acme", "ci-bot", "JENKINS_TOKEN", null);

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(wrong));

        assertTrue(failure.getMessage().contains("did not accept user ci-bot with the password from $JENKINS_TOKEN"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("nope"));
    }
}
