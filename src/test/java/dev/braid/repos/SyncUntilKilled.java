package dev.braid.repos;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;

/** Child process for the crash test: adds the repository if needed and syncs it until done or killed. */
public final class SyncUntilKilled {
    private SyncUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String repo = args[1];
        try (AppContext app = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            Source source = app.sources().findByName("crash").orElse(null);
            if (source == null) {
                source = app.repositories().add(repo, "crash", TestContexts.quiet());
            }
            System.out.println("syncing");
            SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get();
            System.out.println("done " + run.outcome() + " " + run.counts());
        }
    }
}
