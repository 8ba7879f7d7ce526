package dev.braid.pipelines.ci;

import static dev.braid.pipelines.replay.ReplayServer.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineFixture;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.GitLabReplay;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabSyncTest {
    private static final String TOKEN = "glpat-s3cr3t-value";
    @TempDir
    Path tmp;
    private CiHistory history;
    private GitLabReplay api;
    private ReplayServer server;
    private PipelineFixture fx;
    private Source source;

    @BeforeEach
    void start() throws Exception {
        history = CiHistory.generate(250, 5, 42);
        api = new GitLabReplay(history, "acme/churn", TOKEN);
        server = ReplayServer.start(api);
        api.base(server.url());
        fx = new PipelineFixture(tmp, Map.of("GL_TOKEN", TOKEN), Duration.ofSeconds(1), Duration.ofSeconds(30));
        source = fx.service.addGitLab(server.url(), "acme/churn", "GL_TOKEN", false, null);
    }

    @AfterEach
    void stop() {
        server.close();
        fx.close();
    }

    @Test
    void firstSyncReadsEveryPipelineWithItsJobsAndRetries() throws Exception {
        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(250, 0, 0), counts);
        assertEquals("gitlab:acme/churn", source.name());
        assertEquals(250, fx.service.countRuns(PipelineQuery.all()));
        CiHistory.Run flaky = history.runs().get(3);
        PipelineRunDetail detail = fx.service.run(source.name(), Long.toString(flaky.id)).orElseThrow();
        PipelineRun run = detail.run();
        assertEquals(flaky.number, run.number().intValue());
        assertEquals(flaky.sha, run.sha());
        assertEquals(flaky.title, run.title());
        assertEquals("gitlab", run.sourceKind());
        assertEquals(Instant.ofEpochMilli(flaky.created), run.createdAt());
        List<PipelineJob> integration = detail.jobs().stream().filter(j -> j.name().equals("integration")).toList();
        assertEquals(2, integration.size(), "both attempts of the retried job");
        assertEquals(PipelineStatus.FAILED, integration.get(0).status());
        assertTrue(integration.get(0).retried());
        assertEquals(2, integration.get(1).attempt());
        assertEquals(PipelineStatus.SUCCESS, integration.get(1).status());
        assertEquals(5, detail.latestJobs().size());
        assertEquals(5, run.jobCount());
        PipelineJob compile = detail.jobs().get(0);
        assertEquals("compile", compile.name());
        assertEquals("build", compile.stage());
        assertNotNull(compile.queuedMs());
        assertTrue(compile.runner().startsWith("runner-"));
        PipelineRun running = fx.service.runs(PipelineQuery.all().page(0, 1)).get(0);
        assertEquals(PipelineStatus.RUNNING, running.status());
        assertEquals("running", running.sourceStatus());
        assertTrue(server.requests().stream().allMatch(r -> TOKEN.equals(r.header("PRIVATE-TOKEN"))));
    }

    @Test
    void aSyncWithNothingNewAsksOnceAndChangesNothing() throws Exception {
        fx.sync(source);
        List<String> before = fx.snapshot();
        server.clearRequests();

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(0, 0, 0), counts);
        assertEquals(before, fx.snapshot());
        // The list since the last sync, and the one running pipeline read again (itself, its jobs, its bridges).
        assertEquals(4, server.requests().size(), server.requests().toString());
        assertTrue(server.requests().get(0).query().containsKey("updated_after"));
    }

    @Test
    void newAndChangedPipelinesComeInIncrementally() throws Exception {
        fx.sync(source);
        CiHistory.Run running = history.runs().get(249);
        history.finish(running, "failed");
        history.addRun("success");
        history.addRun("failed");

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(2, 1, 0), counts);
        PipelineRun finished = fx.service.run(source.name(), Long.toString(running.id)).orElseThrow().run();
        assertEquals(PipelineStatus.FAILED, finished.status());
        assertEquals(1, fx.service.countRuns(new PipelineQuery(List.of(), List.of(), null, List.of(PipelineStatus.RUNNING),
                null, null, null, null, false, 0, 0)) == 0 ? 1 : 0);
    }

    @Test
    void aFullReconciliationRemovesDeletedPipelines() throws Exception {
        fx.sync(source);
        history.delete(history.runs().get(10));

        SyncCounts counts = fx.sync(source, Map.of("reconcile_every_ms", "0"));

        assertEquals(1, counts.removed());
        assertEquals(249, fx.runCount());
    }

    @Test
    void aRefusedTokenIsNamedButNeverShown() throws Exception {
        fx.sync(source);
        List<String> before = fx.snapshot();
        String cursor = fx.cursor(source);
        api.token("another-token");
        history.addRun("success");

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertFalse(failure.isTransient());
        assertTrue(failure.getMessage().contains("HTTP 401"), failure.getMessage());
        assertTrue(failure.getMessage().contains("$GL_TOKEN"), failure.getMessage());
        assertFalse(failure.getMessage().contains(TOKEN));
        assertEquals(before, fx.snapshot());
        assertEquals(cursor, fx.cursor(source));
    }

    @Test
    void anUnknownProjectSaysSo() throws Exception {
        Source missing = fx.service.addGitLab(server.url(), "acme/nothing", "GL_TOKEN", false, null);

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(missing));

        assertTrue(failure.getMessage().contains("HTTP 404"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Project Not Found"), failure.getMessage());
    }

    @Test
    void aRateLimitIsWaitedOutWhenItResetsSoon() throws Exception {
        long reset = Instant.now().plusSeconds(3).getEpochSecond();
        server.fail(pathContains("/jobs"), 1, ReplayServer.Reply.json(429, "{\"message\":\"Retry later\"}")
                .with("RateLimit-Remaining", "0").with("RateLimit-Reset", Long.toString(reset)));

        assertEquals(250, fx.sync(source).added());

        assertTrue(fx.waits.stream().anyMatch(d -> d.toMillis() > 0 && d.toMillis() <= 3_000), fx.waits.toString());
    }

    @Test
    void aRateLimitFarAwayFailsTheSyncSayingWhenToComeBack() throws Exception {
        server.fail(pathContains("/pipelines"), 1, ReplayServer.Reply.json(429, "{\"message\":\"Retry later\"}")
                .with("Retry-After", "3600"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.isTransient());
        assertEquals(3_600_000, failure.retryAfterMillis());
        assertTrue(failure.getMessage().contains("resets at"), failure.getMessage());
        assertEquals(0, fx.runCount());
    }

    @Test
    void serverErrorsAndBrokenBodiesAreRetried() throws Exception {
        server.fail(pathContains("/bridges"), 2, ReplayServer.Reply.json(502, "{\"message\":\"Bad gateway\"}"));
        server.truncate(pathContains("/jobs"), 1);
        server.truncate(r -> r.path().endsWith("/pipelines"), 1);

        assertEquals(250, fx.sync(source).added());
    }

    @Test
    void aServerThatKeepsFailingLeavesTheCacheAsItWas() throws Exception {
        fx.sync(source);
        List<String> before = fx.snapshot();
        String cursor = fx.cursor(source);
        for (int i = 0; i < 60; i++) {
            history.addRun("success");
        }
        long lastNew = history.runs().get(history.runs().size() - 1).id;
        server.fail(pathContains("/pipelines/" + lastNew + "/jobs"), 100, ReplayServer.Reply.json(500, "{\"message\":\"boom\"}"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.isTransient());
        assertTrue(failure.getMessage().contains("HTTP 500"), failure.getMessage());
        List<String> after = fx.snapshot();
        assertEquals(before.subList(0, before.size() - 1), after.subList(0, after.size() - 1),
                "no run or job changed; staged rows are only cleared by the next sync");
        assertEquals(cursor, fx.cursor(source));
        server.fail(r -> false, 0, null);
        server.api(api);
    }

    @Test
    void aServerWhoseNextPageLeadsBackIsStoppedWithAClearMessageAndTheCacheKept() throws Exception {
        fx.sync(source);
        List<String> before = fx.snapshot();
        server.clearRequests();
        // Every listing page says the next one is page 1 again: a client that trusts it never ends.
        server.fail(r -> r.path().endsWith("/pipelines"), 1_000, ReplayServer.Reply.json(200, "[]").with("X-Next-Page", "1"));

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertFalse(failure.isTransient(), "asking again would go round in circles again");
        assertTrue(failure.getMessage().contains("the same page of pipelines of acme/churn twice"), failure.getMessage());
        assertEquals(1, server.count(r -> r.path().endsWith("/pipelines")), "it never asks for the same page again");
        List<String> after = fx.snapshot();
        assertEquals(before.subList(0, before.size() - 1), after.subList(0, after.size() - 1), "no run or job changed");
    }

    @Test
    void aSlowServerTimesOutWithAClearMessage() throws Exception {
        server.slow(pathContains("/pipelines"), 3, 2_500);

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertTrue(failure.getMessage().contains("did not answer"), failure.getMessage());
        assertTrue(failure.isTransient());
    }

    @Test
    void aJobLogIsFetchedOnceAndKept() throws Exception {
        fx.sync(source);
        CiHistory.Run run = history.runs().get(3);
        CiHistory.Job failed = run.jobs.get(1);

        JobLog log = fx.service.log(source.name(), Long.toString(run.id), Long.toString(failed.id), false);
        JobLog again = fx.service.log(source.name(), Long.toString(run.id), Long.toString(failed.id), false);

        assertTrue(log.text().contains("ERROR: Job failed"));
        assertEquals(log, again);
        assertEquals(1, server.count(pathContains("/trace")));
        assertTrue(fx.service.cachedLogBytes() > 0);
        fx.service.setLogCap(100);
        assertEquals(0, fx.service.cachedLogBytes());
    }
}
