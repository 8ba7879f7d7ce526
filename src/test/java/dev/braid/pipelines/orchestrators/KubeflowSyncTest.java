package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineQuery;
import dev.braid.pipelines.PipelineRun;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.replay.KubeflowReplay;
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

/** Kubeflow Pipelines runs through the replay of the KFP API server (which needs Kubernetes to run). */
class KubeflowSyncTest {
    private static final String TOKEN = "kfp-s3cret-token";
    @TempDir
    Path tmp;
    private KubeflowReplay api;
    private ReplayServer server;
    private OrchestratorFixture fx;
    private Source source;

    @BeforeEach
    void start() throws Exception {
        api = new KubeflowReplay(250, 5, TOKEN);
        server = ReplayServer.start(api);
        fx = new OrchestratorFixture(tmp, Map.of("KFP_TOKEN", TOKEN), Duration.ofSeconds(5));
        source = fx.service.addKubeflow(server.url(), "KFP_TOKEN", null);
    }

    @AfterEach
    void stop() {
        server.close();
        fx.close();
    }

    @Test
    void readsEveryRunPageByPageWithItsTasksAndRetries() throws Exception {
        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(250, 0, 0), counts);
        assertEquals("kubeflow:" + server.url().substring("http://".length()), source.name());
        ObjectNode retried = api.runs().get(1);
        PipelineRunDetail detail = fx.service.run(source.name(), retried.get("run_id").asText()).orElseThrow();
        PipelineRun run = detail.run();
        assertEquals("kubeflow", run.sourceKind());
        assertEquals("train-pipeline", run.pipeline(), "named by the pipeline version's spec");
        assertEquals("train-pipeline 2", run.title());
        assertEquals(retried.get("runtime_config").get("parameters").get("git_sha").asText(), run.sha());
        assertEquals(List.of("preprocess", "train", "train", "evaluate"), detail.jobs().stream().map(PipelineJob::name).toList());
        PipelineJob firstTry = detail.jobs().get(1);
        assertEquals(PipelineStatus.FAILED, firstTry.status());
        assertTrue(firstTry.retried());
        assertEquals(2, detail.jobs().get(2).attempt());
        assertEquals(List.of("train"), detail.jobs().get(3).needs());
        assertEquals(3, run.jobCount());
        PipelineRun running = fx.service.runs(PipelineQuery.all().page(0, 1)).get(0);
        assertEquals(PipelineStatus.RUNNING, running.status());
        assertNull(running.finishedAt(), "the epoch the API server writes for 'not yet' is no time");
        assertTrue(server.requests().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.header("Authorization"))));
    }

    @Test
    void theNextSyncStopsAtRunsOlderThanTheLastAndRereadsTheRunningOne() throws Exception {
        fx.sync(source);
        server.clearRequests();
        api.finish(api.runs().get(249), "SUCCEEDED");

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(0, 1, 0), counts);
        assertTrue(server.count(r -> r.path().equals("/apis/v2beta1/runs")) <= 1, server.requests().toString());
        assertEquals(PipelineStatus.SUCCESS, fx.service.run(source.name(), api.runs().get(249).get("run_id").asText())
                .orElseThrow().run().status());
    }

    @Test
    void readsATaskLogOnDemand() throws Exception {
        fx.sync(source);
        String runId = api.runs().get(1).get("run_id").asText();
        PipelineJob firstTry = fx.service.run(source.name(), runId).orElseThrow().jobs().get(1);

        JobLog log = fx.service.log(source.name(), runId, firstTry.id(), false);

        assertTrue(log.text().contains("RuntimeError: replayed failure"), log.text());
    }

    @Test
    void aMissingTokenIsExplainedAndNothingIsKept() throws Exception {
        Source anonymous = fx.service.addKubeflow(server.url(), null, "kfp-anonymous");

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(anonymous));

        assertTrue(failure.getMessage().contains("requires credentials"), failure.getMessage());
        assertFalse(failure.getMessage().contains(TOKEN));
        assertEquals(0, fx.service.countRuns(PipelineQuery.all()));
    }

    @Test
    void aRateLimitAndAFailingPageAreWaitedOutAndEveryRunIsRead() throws Exception {
        server.fail(r -> r.path().equals("/apis/v2beta1/runs") && r.query().containsKey("page_token"), 1,
                ReplayServer.Reply.json(429, "{\"code\":8,\"message\":\"rate limited\"}").with("Retry-After", "4"));
        server.fail(r -> r.path().startsWith("/apis/v2beta1/runs/"), 1,
                ReplayServer.Reply.json(503, "{\"code\":14,\"message\":\"upstream connect error\"}"));

        SyncCounts counts = fx.sync(source);

        assertEquals(new SyncCounts(250, 0, 0), counts);
        assertTrue(fx.waits.contains(Duration.ofSeconds(4)), fx.waits.toString());
    }

    @Test
    void aServerThatKeepsFailingLeavesTheCacheAsItWas() throws Exception {
        fx.sync(source);
        java.util.List<String> before = fx.snapshot();
        api.finish(api.runs().get(249), "FAILED");
        server.fail(r -> r.path().startsWith("/apis/v2beta1/runs"), 50,
                ReplayServer.Reply.json(500, "{\"code\":13,\"message\":\"internal\"}"));

        assertThrows(SyncFailure.class, () -> fx.sync(source));

        assertEquals(before, fx.snapshot());
    }
}
