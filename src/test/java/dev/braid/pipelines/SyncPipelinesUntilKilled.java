package dev.braid.pipelines;

import dev.braid.pipelines.ci.CiSources;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Child process for the crash test: adds the GitLab source if needed and syncs it until done or killed. */
public final class SyncPipelinesUntilKilled {
    private SyncPipelinesUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        String url = args[1];
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cache)) {
            SourceStore sources = new SourceStore(db, clock);
            CiSources apis = CiSources.forTests(Map.of(), clock, Duration.ofSeconds(20), (d, s) -> { }, Duration.ofSeconds(5));
            PipelineService service = new PipelineService(db, sources, apis, clock, PipelineService.DEFAULT_LOG_CAP_BYTES);
            Source source = service.source("crash").orElse(null);
            if (source == null) {
                source = service.addGitLab(url, "acme/churn", null, false, "crash");
            }
            System.out.println("syncing");
            System.out.println("done " + new PipelineSyncer("gitlab", db, sources, apis, clock).sync(source, TestContexts.quiet()));
        }
    }
}
