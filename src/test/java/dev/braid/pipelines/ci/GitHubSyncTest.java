package dev.braid.pipelines.ci;

import static dev.braid.pipelines.replay.ReplayServer.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineFixture;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitHubReplay;
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

class GitHubSyncTest {
    private static final String TOKEN = "ghp_s3cr3tvalue";
    @TempDir
    Path tmp;
    private ReplayServer server;
    private PipelineFixture fx;

    private GitHubReplay start(CiHistory history, boolean realWaits) throws Exception {
        GitHubReplay api = new GitHubReplay(history, "acme/churn", TOKEN);
        server = ReplayServer.start(api);
        api.base(server.url());
        fx = new PipelineFixture(tmp, Map.of("GH_TOKEN", TOKEN), Duration.ofSeconds(5), Duration.ofSeconds(30), realWaits);
        return api;
    }

    private Source source() throws Exception {
        return fx.service.addGitHub("acme/churn", server.url(), "GH_TOKEN", null);
    }

    @AfterEach
    void stop() {
        server.close();
        fx.close();
    }

    @Test
    void aFirstSyncWalksCreatedWindowsPastTheThousandResultLimit() throws Exception {
        CiHistory history = CiHistory.generate(2_500, 3, 7);
        start(history, false);
        Source source = source();

        SyncCounts counts = fx.sync(source);

        assertEquals(2_500, counts.added());
        assertEquals("github:acme/churn", source.name());
        assertTrue(server.requests().stream().filter(r -> r.path().endsWith("/actions/runs")).skip(1)
                .allMatch(r -> r.param("created") != null && r.param("per_page").equals("100")));
        CiHistory.Run flaky = history.runs().get(10);
        PipelineRunDetail detail = fx.service.run(source.name(), Long.toString(flaky.id)).orElseThrow();
        assertEquals("CI", detail.run().pipeline());
        assertEquals(flaky.title, detail.run().title());
        assertEquals(flaky.number, detail.run().number().intValue());
        List<PipelineJob> integration = detail.jobs().stream().filter(j -> j.name().equals("integration")).toList();
        assertEquals(2, integration.size());
        assertEquals("failure", integration.get(0).sourceStatus());
        assertEquals(PipelineStatus.FAILED, integration.get(0).status());
        assertEquals(3, integration.get(1).steps().size());
        assertEquals(1, fx.service.countRuns(new PipelineQuery(List.of(), List.of("github"), null,
                List.of(PipelineStatus.RUNNING), null, null, null, null, false, 0, 0)));
    }

    @Test
    void aSyncWithNothingNewIsAnsweredWith304sThatCostNoRateLimit() throws Exception {
        GitHubReplay api = start(CiHistory.generate(150, 3, 7), false);
        Source source = source();
        fx.sync(source);
        fx.sync(source);
        long left = api.remaining();
        server.clearRequests();

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(0, 0, 0), counts);
        assertEquals(2, server.requests().size(), "the newest page, and the run still going");
        assertTrue(server.requests().stream().allMatch(r -> r.header("If-None-Match") != null));
        assertEquals(left, api.remaining());
    }

    @Test
    void newRunsAndFinishedOnesComeInIncrementally() throws Exception {
        CiHistory history = CiHistory.generate(150, 3, 7);
        start(history, false);
        Source source = source();
        fx.sync(source);
        history.finish(history.runs().get(149), "success");
        history.addRun("failed");

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(1, 1, 0), counts);
        assertEquals(0, fx.service.countRuns(new PipelineQuery(List.of(), List.of(), null, List.of(PipelineStatus.RUNNING),
                null, null, null, null, false, 0, 0)));
    }

    @Test
    void aJobLogFollowsTheRedirectWithoutSendingTheToken() throws Exception {
        CiHistory history = CiHistory.generate(20, 3, 7);
        start(history, false);
        Source source = source();
        fx.sync(source);
        CiHistory.Run run = history.runs().get(3);

        JobLog log = fx.service.log(source.name(), Long.toString(run.id), Long.toString(run.jobs.get(1).id), false);

        assertTrue(log.text().contains("Job failed"), log.text());
        ReplayServer.Request download = server.requests().stream().filter(r -> r.path().startsWith("/download/"))
                .findFirst().orElseThrow();
        assertNull(download.header("Authorization"));
        assertTrue(download.header("Host").startsWith("localhost"));
    }

    @Test
    void badCredentialsAreReportedWithTheVariableNotTheToken() throws Exception {
        start(CiHistory.generate(20, 3, 7), false);
        fx.close();
        fx = new PipelineFixture(tmp.resolve("other"), Map.of("GH_TOKEN", "ghp_wrong"), Duration.ofSeconds(5), Duration.ofSeconds(30));
        Source source = source();

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.getMessage().contains("Bad credentials"), failure.getMessage());
        assertTrue(failure.getMessage().contains("$GH_TOKEN"), failure.getMessage());
        assertFalse(failure.getMessage().contains("ghp_wrong"));
        assertEquals(0, fx.runCount());
    }

    @Test
    void anExhaustedRateLimitIsWaitedOutUntilItsReset() throws Exception {
        GitHubReplay api = start(CiHistory.generate(60, 3, 7), true);
        api.rateLimit(25, 1_500);
        Source source = source();

        SyncCounts counts = fx.sync(source);

        assertEquals(60, counts.added());
        assertTrue(fx.waits.stream().anyMatch(d -> d.toMillis() >= 100), fx.waits.toString());
        assertEquals(0, server.count(r -> false));
    }

    @Test
    void brokenAnswersAreRetried() throws Exception {
        start(CiHistory.generate(60, 3, 7), false);
        server.truncate(pathContains("/jobs"), 2);
        server.fail(pathContains("/jobs"), 1, ReplayServer.Reply.json(503, "{\"message\":\"Service unavailable\"}"));
        Source source = source();

        assertEquals(60, fx.sync(source).added());
    }
}
