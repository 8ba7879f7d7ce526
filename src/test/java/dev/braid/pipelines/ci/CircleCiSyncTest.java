package dev.braid.pipelines.ci;

import static dev.braid.pipelines.replay.ReplayServer.pathContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.PipelineFixture;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.replay.CiHistory;
import dev.braid.pipelines.replay.CircleCiReplay;
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

class CircleCiSyncTest {
    @TempDir
    Path tmp;
    private CiHistory history;
    private ReplayServer server;
    private PipelineFixture fx;
    private Source source;

    @BeforeEach
    void start() throws Exception {
        history = CiHistory.generate(90, 4, 11);
        CircleCiReplay api = new CircleCiReplay(history, "gh/acme/churn", "circle-s3cr3t");
        server = ReplayServer.start(api);
        api.base(server.url());
        fx = new PipelineFixture(tmp, Map.of("CIRCLE_TOKEN", "circle-s3cr3t"), Duration.ofSeconds(5), Duration.ofSeconds(30));
        source = fx.service.addCircleCi("gh/acme/churn", server.url(), "CIRCLE_TOKEN", null);
    }

    @AfterEach
    void stop() {
        server.close();
        fx.close();
    }

    @Test
    void pipelinesComeWithTheirWorkflowsJobsAndDependencies() throws Exception {
        assertEquals(90, fx.sync(source).added());

        assertEquals("circleci:gh/acme/churn", source.name());
        CiHistory.Run run = history.runs().get(4);
        PipelineRunDetail detail = fx.service.run(source.name(), CircleCiReplay.pipelineId(run)).orElseThrow();
        assertEquals(run.number, detail.run().number().intValue());
        assertEquals(run.title, detail.run().title());
        assertEquals("build-test-deploy", detail.jobs().get(0).stage());
        PipelineJob deploy = detail.jobs().stream().filter(j -> j.name().equals("deploy")).findFirst().orElseThrow();
        assertEquals(List.of("integration"), deploy.needs());
        assertEquals(PipelineStatus.RUNNING, fx.service.run(source.name(),
                CircleCiReplay.pipelineId(history.runs().get(89))).orElseThrow().run().status());
        assertTrue(server.requests().stream().anyMatch(r -> r.param("page-token") != null));
    }

    @Test
    void laterSyncsStopAtPipelinesAlreadyKnown() throws Exception {
        fx.sync(source);
        server.clearRequests();
        assertEquals(new SyncCounts(0, 0, 0), fx.sync(source));
        assertTrue(server.count(pathContains("/pipeline")) <= 3, server.requests().toString());

        history.finish(history.runs().get(89), "success");
        history.addRun("failed");
        assertEquals(new SyncCounts(1, 1, 0), fx.sync(source));
    }

    @Test
    void aJobLogIsReadFromItsStepsOutputWithoutTheToken() throws Exception {
        fx.sync(source);
        CiHistory.Run run = history.runs().get(3);

        String log = fx.service.log(source.name(), CircleCiReplay.pipelineId(run), Long.toString(run.jobs.get(2).id), false).text();

        assertTrue(log.contains("$ make integration"), log);
    }

    @Test
    void aTooManyRequestsAnswerIsWaitedOut() throws Exception {
        server.fail(pathContains("/workflow"), 2, ReplayServer.Reply.json(429, "{\"message\":\"Rate limit exceeded\"}")
                .with("Retry-After", "2"));

        assertEquals(90, fx.sync(source).added());
        assertTrue(fx.waits.stream().anyMatch(d -> d.toSeconds() == 2), fx.waits.toString());
    }

    @Test
    void aMissingTokenIsExplained() throws Exception {
        Source anonymous = fx.service.addCircleCi("gh/acme/churn", server.url(), null, "anonymous");

        SyncFailure failure = assertThrows(SyncFailure.class, () -> fx.sync(anonymous));

        assertTrue(failure.getMessage().contains("requires credentials (HTTP 401: You must log in first.)"), failure.getMessage());
    }
}
