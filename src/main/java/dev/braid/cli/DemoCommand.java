package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.demo.DemoService;
import dev.braid.demo.DemoWorkspace;
import dev.braid.repos.RepoException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid demo [--into DIR]}: writes the demo ML project, adds it as a source and syncs it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Writes a demo ML project (a git repository with about 300 commits, branches, tags,",
                "a DVC pipeline and CI files) and its MLflow store (DIR-mlruns, about 300 runs),",
                "adds both to Braid and syncs them."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Option(names = "--into", paramLabel = "DIR",
            description = "An empty or new folder for the demo files (default: <data dir>/demo).")
    private Path into;

    @Override
    public Integer call() throws CacheOpenException, IOException, RepoException {
        CliEnvironment env = root.environment();
        try (AppContext context = root.openContext()) {
            Path folder = into != null ? into.toAbsolutePath().normalize() : freeFolder(context.dirs().dataDir());
            // The demo's sources are synced below through the sync engine, so the runs are recorded.
            DemoService demo = new DemoService(context.repositories(), new DemoWorkspace(env.clock()),
                    context.experiments(), null, context.openLineageImporter(), context.pipelines());
            Source source;
            try {
                source = demo.open(folder, new StderrProgress(env));
            } catch (IOException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            env.err().println("Added " + source.name() + " from " + folder + "; syncing it now.");
            List<Source> fresh = context.sources().list().stream()
                    .filter(s -> context.syncRuns().latest(s.id()).isEmpty()).toList();
            List<SyncRun> runs = new SyncBatch(env).run(context, fresh);
            for (SyncRun run : runs) {
                env.out().println(run.sourceName() + ": " + SyncSummary.describe(run));
            }
            SyncBatch.explainCacheFailures(root, runs);
            return SyncBatch.allSucceeded(runs) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** {@code <data>/demo}, or {@code demo-2}, {@code demo-3}... when an earlier demo is there. */
    static Path freeFolder(Path dataDir) {
        Path folder = dataDir.resolve("demo");
        for (int n = 2; Files.exists(folder); n++) {
            folder = dataDir.resolve("demo-" + n);
        }
        return folder;
    }

    /** Progress lines on stderr for the steps before the sync. */
    private record StderrProgress(CliEnvironment env) implements SyncContext {
        @Override
        public void progress(double fraction, String message) {
            env.err().println(SyncProgress.describe(fraction, message));
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
