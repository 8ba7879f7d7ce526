package dev.braid.pipelines.orchestrators;

import dev.braid.pipelines.PipelineService;
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

/** Child process for the Airflow crash test: adds the Airflow source if needed and syncs it until done or killed. */
public final class SyncAirflowUntilKilled {
    private SyncAirflowUntilKilled() {
    }

    /** {@code CACHE URL PASSWORD}. */
    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        String url = args[1];
        Map<String, String> env = Map.of("AF_PW", args[2]);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cache)) {
            SourceStore sources = new SourceStore(db, clock);
            RunSources apis = PipelineService.runSources(
                    CiSources.forTests(env, clock, Duration.ofSeconds(20), (d, s) -> { }, Duration.ofSeconds(5)),
                    OrchestratorSources.forTests(env, clock, Duration.ofSeconds(20), (d, s) -> { }));
            PipelineService service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
            Source source = service.source("crash").orElse(null);
            if (source == null) {
                source = service.addAirflow(url, AirflowReplay.USER, "AF_PW", null, "crash");
            }
            System.out.println("syncing");
            System.out.println("done " + new PipelineSyncer("airflow", db, sources, apis, clock).sync(source, TestContexts.quiet()));
        }
    }
}
