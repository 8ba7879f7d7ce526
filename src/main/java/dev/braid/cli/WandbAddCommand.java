package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code braid wandb add PATH [--name NAME]}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a folder of W&B runs (read-only, read in place) and syncs it once.",
                "PATH is a project folder, its wandb folder, one run folder, or any folder holding",
                "run-<time>-<id> or offline-run-<time>-<id> folders. Its runs are then listed by",
                "braid runs list --source NAME like an MLflow source's.",
                "Exits with 1 when it cannot be added or its first sync fails."})
final class WandbAddCommand implements Callable<Integer> {
    @ParentCommand
    private WandbCommand wandb;

    @Parameters(paramLabel = "PATH", description = "The folder holding W&B run folders.")
    private Path path;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: the folder's name).")
    private String name;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = wandb.root().environment();
        try (AppContext context = wandb.root().openContext()) {
            Source source;
            try {
                source = context.experiments().addWandb(path, name);
            } catch (ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            SyncBatch.explainCacheFailures(wandb.root(), List.of(run));
            return SyncBatch.allSucceeded(List.of(run)) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
