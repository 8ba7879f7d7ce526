package dev.braid.testing;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo workspace in a fresh cache, as a person gets it from "Open demo workspace": its
 * repository and MLflow store added and synced (which derives their lineage) and its pipelines'
 * OpenLineage events imported; or an empty data folder. The folder is deleted on close.
 */
public final class DemoData implements AutoCloseable {
    private final Path folder;
    private final AppContext context;

    private DemoData(Path folder, AppContext context) {
        this.folder = folder;
        this.context = context;
    }

    /** The demo workspace, synced. */
    public static DemoData open() throws Exception {
        DemoData data = empty();
        AppContext context = data.context;
        new DemoService(context.repositories(), new DemoWorkspace(Clock.systemUTC()), context.experiments(), null,
                context.openLineageImporter())
                .open(data.folder.resolve("demo"), TestContexts.quiet());
        for (Source source : context.sources().list()) {
            SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(180, TimeUnit.SECONDS);
            if (run.outcome() != SyncOutcome.SUCCEEDED) {
                data.close();
                throw new AssertionError(source.name() + ": " + run.outcome() + " " + run.error());
            }
        }
        return data;
    }

    /**
     * The demo workspace as the window's "Open demo workspace" makes it in {@code BraidApp}: also the
     * CI and Airflow histories and the Feast registry, every source synced.
     */
    public static DemoData openWhole() throws Exception {
        DemoData data = empty();
        AppContext context = data.context;
        new DemoService(context.repositories(), new DemoWorkspace(Clock.systemUTC()), context.experiments(), null,
                context.openLineageImporter(), context.pipelines()).withFeatures(context.features())
                .open(data.folder.resolve("demo"), TestContexts.quiet());
        for (Source source : context.sources().list()) {
            SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(180, TimeUnit.SECONDS);
            if (run.outcome() != SyncOutcome.SUCCEEDED) {
                data.close();
                throw new AssertionError(source.name() + ": " + run.outcome() + " " + run.error());
            }
        }
        return data;
    }

    /** An empty data folder: no sources, nothing cached. */
    public static DemoData empty() throws Exception {
        Path folder = Files.createTempDirectory("braid-demo-data");
        DataDirectories dirs = new DataDirectories(folder.resolve("braid/data"), folder.resolve("braid/config"));
        return new DemoData(folder, AppContext.open(dirs, Clock.systemUTC()));
    }

    public AppContext context() {
        return context;
    }

    /** The temporary folder everything lives in (the demo's files, the data folder). */
    public Path folder() {
        return folder;
    }

    /** The source called {@code name}. */
    public Source source(String name) {
        return context.sources().findByName(name).orElseThrow(() -> new AssertionError("no source " + name));
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
