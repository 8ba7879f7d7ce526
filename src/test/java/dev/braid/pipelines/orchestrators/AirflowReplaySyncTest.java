package dev.braid.pipelines.orchestrators;

import static dev.braid.pipelines.replay.ReplayServer.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.pipelines.replay.AirflowHistory;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Airflow 2 ({@code /api/v1}, basic authentication) and Airflow 3 ({@code /api/v2}, a token from
 * {@code /auth/token}) through the replay: what a sync reads, what the next one reads again, the
 * failures a user must understand.
 */
class AirflowReplaySyncTest {
    private static final String PASSWORD = "pw-0n1y-1n-env";
    @TempDir
    Path tmp;
    private AirflowHistory history;
    private AirflowReplay api;
    private ReplayServer server;
    private OrchestratorFixture fx;
    private Source source;

    private void start(boolean v2, Map<String, String> env) throws Exception {
        history = AirflowHistory.generate(60, 9, 11);
        api = new AirflowReplay(history, v2, PASSWORD);
        server = ReplayServer.start(api);
        fx = new OrchestratorFixture(tmp, env, Duration.ofSeconds(5));
        source = fx.service.addAirflow(server.url(), AirflowReplay.USER, "AF_PW", null, null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @ParameterizedTest(name = "api v2 = {0}")
    @ValueSource(booleans = {false, true})
    void readsEveryRunWithItsTriesMappedInstancesAndPausedDags(boolean v2) throws Exception {
        start(v2, Map.of("AF_PW", PASSWORD));

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(60, 0, 0), counts);
        AirflowHistory.Run flaky = history.runs().get(2);
        PipelineRunDetail detail = fx.service.run(source.name(), flaky.dagId + "/" + flaky.runId).orElseThrow();
        PipelineRun run = detail.run();
        assertEquals(flaky.dagId, run.pipeline());
        assertEquals(flaky.sha, run.sha());
        assertTrue(fx.service.runsOfCommit(flaky.sha).stream().anyMatch(r -> r.id().equals(run.id())),
                "the commit detail lists the DAG runs of its commit beside its CI runs");
        assertEquals("scheduled", run.event());
        List<PipelineJob> t01 = detail.jobs().stream().filter(j -> j.name().equals("t01")).toList();
        assertEquals(2, t01.size(), "the failed first try and the retry");
        assertTrue(t01.get(0).retried());
        assertEquals(PipelineStatus.FAILED, t01.get(0).status());
        assertEquals("t01#2", t01.get(1).id());
        assertEquals(9, run.jobCount());
        assertTrue(detail.jobs().stream().anyMatch(j -> j.name().equals("score[2]")));
        PipelineJob publish = detail.jobs().stream().filter(j -> j.name().equals("publish")).findFirst().orElseThrow();
        assertTrue(publish.needs().containsAll(List.of("score[0]", "score[1]", "score[2]", "t01")), publish.needs().toString());
        PipelineRun running = fx.service.runs(PipelineQuery.all().page(0, 1)).get(0);
        assertEquals(PipelineStatus.RUNNING, running.status());
        SourcePipeline paused = fx.service.sourcePipelines(source.name()).stream()
                .filter(d -> d.pipeline().equals("retired_export")).findFirst().orElseThrow();
        assertTrue(paused.paused());
        assertTrue(v2 ? server.count(pathContains("/api/v2/")) > 0 : server.count(pathContains("/api/v2/")) == 1,
                "an Airflow 2 server is asked for /api/v2 once, then spoken to through /api/v1");
    }

    @ParameterizedTest(name = "api v2 = {0}")
    @ValueSource(booleans = {false, true})
    void nextSyncReadsOnlyNewAndChangedRuns(boolean v2) throws Exception {
        start(v2, Map.of("AF_PW", PASSWORD));
        fx.sync(source);
        AirflowHistory.Run running = history.runs().get(59);
        history.finish(running, "success");
        history.addRun("success");
        server.clearRequests();

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(1, 1, 0), counts);
        assertEquals(PipelineStatus.SUCCESS, fx.service.run(source.name(), running.dagId + "/" + running.runId)
                .orElseThrow().run().status());
        long instanceReads = server.count(pathContains("/taskInstances"));
        assertTrue(instanceReads <= 6, "only the two runs that changed are read again: " + instanceReads);
        assertTrue(server.requests().stream().anyMatch(r -> r.query().containsKey("updated_at_gte")));
    }

    @Test
    void airflow3PagesRunsByCursorAndAirflow2ByOffset() throws Exception {
        start(true, Map.of("AF_PW", PASSWORD));
        fx.sync(source);
        assertTrue(server.requests().stream().filter(r -> r.path().endsWith("/dagRuns"))
                .allMatch(r -> r.query().containsKey("cursor")));
    }

    @ParameterizedTest(name = "api v2 = {0}")
    @ValueSource(booleans = {false, true})
    void readsTheLogOfOneTryOfOneMappedInstance(boolean v2) throws Exception {
        start(v2, Map.of("AF_PW", PASSWORD));
        fx.sync(source);
        AirflowHistory.Run flaky = history.runs().get(2);

        JobLog failed = fx.service.log(source.name(), flaky.dagId + "/" + flaky.runId, "t01#1", false);
        JobLog mapped = fx.service.log(source.name(), flaky.dagId + "/" + flaky.runId, "score[1]#1", false);

        assertTrue(failed.text().contains("RuntimeError: replayed failure"), failed.text());
        assertTrue(mapped.text().contains("map index 1"), mapped.text());
        assertFalse(failed.text().contains("::endgroup::"));
    }

    @ParameterizedTest(name = "api v2 = {0}")
    @ValueSource(booleans = {false, true})
    void aWrongPasswordSaysSoWithoutShowingItAndKeepsTheCache(boolean v2) throws Exception {
        start(v2, Map.of("AF_PW", "not-the-password"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.getMessage().contains("did not accept user " + AirflowReplay.USER), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-password"));
        assertEquals(0, fx.service.countRuns(PipelineQuery.all()));
    }

    @Test
    void aMissingPasswordVariableIsNamed() throws Exception {
        start(true, Map.of());

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.getMessage().contains("AF_PW"), failure.getMessage());
    }

    @Test
    void aServerFailingMidwayLeavesTheCacheAsItWas() throws Exception {
        start(true, Map.of("AF_PW", PASSWORD));
        fx.sync(source);
        List<String> before = fx.snapshot();
        history.addRun("success");
        history.addRun("failed");
        server.fail(pathContains("/taskInstances"), 50, ReplayServer.Reply.json(503, "{\"detail\":\"busy\"}"));

        assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertEquals(before, fx.snapshot());
    }

    @ParameterizedTest(name = "api v2 = {0}")
    @ValueSource(booleans = {false, true})
    void aRateLimitIsWaitedOutForAsLongAsTheServerSaysAndTheSyncCompletes(boolean v2) throws Exception {
        start(v2, Map.of("AF_PW", PASSWORD));
        server.fail(pathContains("/dagRuns"), 2, ReplayServer.Reply.json(429, "{\"detail\":\"Too Many Requests\"}")
                .with("Retry-After", "7"));

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(60, 0, 0), counts);
        assertEquals(2, fx.waits.stream().filter(d -> d.equals(Duration.ofSeconds(7))).count(), fx.waits.toString());
    }

    @Test
    void aPassingServerErrorIsRetriedAndLosesNothing() throws Exception {
        start(true, Map.of("AF_PW", PASSWORD));
        server.fail(pathContains("/taskInstances"), 1, ReplayServer.Reply.json(502, "<html>Bad Gateway</html>"));

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(60, 0, 0), counts);
        try (OrchestratorFixture clean = new OrchestratorFixture(java.nio.file.Files.createDirectories(tmp.resolve("clean")), Map.of("AF_PW", PASSWORD), Duration.ofSeconds(5))) {
            clean.sync(clean.service.addAirflow(server.url(), AirflowReplay.USER, "AF_PW", null, null));
            assertEquals(clean.snapshot(), fx.snapshot(), "the same cache as a sync the server never failed");
        }
    }

    @Test
    void aTokenTheServerNoLongerAcceptsIsAskedForAgainAtTheNextSync() throws Exception {
        start(true, Map.of("AF_PW", PASSWORD));
        fx.sync(source);
        api.revokeTokens();
        history.addRun("success");
        server.clearRequests();

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(1, 0, 0), counts);
        assertEquals(1, server.count(r -> r.path().equals("/auth/token")));
    }

    @Test
    void anAirflow2ApiOpenToAnyoneIsReadWithoutCredentials() throws Exception {
        history = AirflowHistory.generate(5, 9, 11);
        api = new AirflowReplay(history, false, null);
        server = ReplayServer.start(api);
        fx = new OrchestratorFixture(tmp, Map.of(), Duration.ofSeconds(5));
        source = fx.service.addAirflow(server.url(), null, null, null, "open-airflow");

        assertEquals(new SyncCounts(5, 0, 0), fx.sync(source));
        assertTrue(server.requests().stream().allMatch(r -> r.header("Authorization") == null));
    }
}
