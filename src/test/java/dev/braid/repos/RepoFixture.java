package dev.braid.repos;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Braid core on a temporary data folder, with helpers to add and sync repositories. */
final class RepoFixture implements AutoCloseable {
    final AppContext app;

    RepoFixture(Path tmp) throws Exception {
        app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC());
    }

    RepositoryService repos() {
        return app.repositories();
    }

    Source add(Path repo) throws RepoException {
        return repos().add(repo.toString(), null, TestContexts.quiet());
    }

    SyncRun sync(Source source) throws Exception {
        return app.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
    }

    /** The same lines read in one walk ({@link RepositoryService#forEachInHistory}), as {@code braid repo log} reads them. */
    List<String> walkedLines(long repoId, String ref, long limit) {
        List<String> lines = new java.util.ArrayList<>();
        repos().forEachInHistory(new HistoryQuery(repoId, ref, null), limit, c -> {
            lines.add((c.hash() + " " + String.join(" ", c.parents())).strip());
            return true;
        });
        return lines;
    }

    /** The whole cached history as {@code "hash parent parent"} lines, like {@code git log --format='%H %P'}. */
    List<String> historyLines(long repoId, String ref) {
        return repos().history(new HistoryQuery(repoId, ref, null), 0, 1_000_000).stream()
                .map(c -> (c.hash() + " " + String.join(" ", c.parents())).strip())
                .toList();
    }

    @Override
    public void close() {
        app.close();
    }
}
