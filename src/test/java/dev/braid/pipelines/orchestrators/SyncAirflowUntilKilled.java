package dev.braid.pipelines.orchestrators;

import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.ListRequest;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.RunData;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.SourcePipeline;
import dev.braid.pipelines.PipelineSyncer;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.replay.AirflowReplay;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Child process for the Airflow crash tests: adds the Airflow source if needed and syncs it until
 * done or killed. With a pause, it prints {@code fetched <run id>} each time it has read a run's
 * task instances and then waits that long, so that the test can kill it there, mid-sync.
 */
public final class SyncAirflowUntilKilled {
    private SyncAirflowUntilKilled() {
    }

    /** {@code CACHE URL PASSWORD [USER [PAUSE_MS]]}. */
    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        String url = args[1];
        Map<String, String> env = Map.of("AF_PW", args[2]);
        String user = args.length > 3 ? args[3] : AirflowReplay.USER;
        long pause = args.length > 4 ? Long.parseLong(args[4]) : 0;
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cache)) {
            SourceStore sources = new SourceStore(db, clock);
            RunSources real = PipelineService.runSources(
                    CiSources.forTests(env, clock, Duration.ofSeconds(20), (d, s) -> { }, Duration.ofSeconds(5)),
                    OrchestratorSources.forTests(env, clock, Duration.ofSeconds(20), (d, s) -> { }));
            RunSources apis = pause == 0 ? real : (s, cancelled, progress) -> new Pausing(real.open(s, cancelled, progress), pause);
            PipelineService service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
            Source source = service.source("crash").orElse(null);
            if (source == null) {
                source = service.addAirflow(url, user, "AF_PW", null, "crash");
            }
            System.out.println("syncing");
            System.out.println("done " + new PipelineSyncer("airflow", db, sources, apis, clock).sync(source, TestContexts.quiet()));
        }
    }

    /** A run source that says when it has read a run's details, then waits. */
    private record Pausing(RunSource inner, long pause) implements RunSource {
        @Override
        public void list(ListRequest request, java.util.function.Consumer<RunData> each) throws PipelineException {
            inner.list(request, each);
        }

        @Override
        public RunData details(RunData listed) throws PipelineException {
            RunData run = inner.details(listed);
            System.out.println("fetched " + run.runId);
            System.out.flush();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return run;
        }

        @Override
        public Reread reread(String runId, String etag) throws PipelineException {
            return inner.reread(runId, etag);
        }

        @Override
        public java.util.List<SourcePipeline> pipelines() {
            return inner.pipelines();
        }

        @Override
        public JobLog log(String runId, String jobId, long capBytes) throws PipelineException {
            return inner.log(runId, jobId, capBytes);
        }
    }
}
