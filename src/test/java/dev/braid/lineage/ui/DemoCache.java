package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.app.AppContext;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.shell.WorkbenchServices;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.TestContexts;
import dev.braid.ui.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo workspace in a fresh SQLite cache, as a person gets it from "Open the demo": its
 * repository and MLflow store synced (which derives their lineage) and its pipelines' OpenLineage
 * events imported. The explorer's tests read this real graph through the real {@code LineageService}.
 */
final class DemoCache implements AutoCloseable {
    private final Path folder;
    private final AppContext context;

    private DemoCache(Path folder, AppContext context) {
        this.folder = folder;
        this.context = context;
    }

    static DemoCache open() throws Exception {
        Path folder = Files.createTempDirectory("braid-lineage-demo");
        AppContext context = GitFixture.open(folder.resolve("braid"));
        new DemoService(context.repositories(), new DemoWorkspace(), context.experiments(), null, context.openLineageImporter())
                .open(folder.resolve("demo"), TestContexts.quiet());
        for (Source source : context.sources().list()) {
            SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(120, TimeUnit.SECONDS);
            assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), source.name() + ": " + run.error());
        }
        return new DemoCache(folder, context);
    }

    AppContext context() {
        return context;
    }

    /** The window's services over the demo cache, experiments and lineage included. */
    WorkbenchServices services() {
        return GitFixture.services(context, context.experiments(), context.lineage());
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
