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

/**
 * {@code braid wandb add PATH [--name NAME]} and
 * {@code braid wandb add URL --entity E --project P --key-env VAR [--name NAME]}.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a folder of W&B runs, or one project of a W&B server, and syncs it once.",
                "PATH is a project folder, its wandb folder, one run folder, or any folder holding",
                "run-<time>-<id> or offline-run-<time>-<id> folders (read-only, read in place).",
                "URL is a W&B server's address (https://api.wandb.ai, or a self-hosted server), read",
                "through its public API with --entity, --project and the API key from --key-env.",
                "Its runs are then listed by braid runs list --source NAME like an MLflow source's.",
                "Exits with 1 when it cannot be added or its first sync fails."})
final class WandbAddCommand implements Callable<Integer> {
    @ParentCommand
    private WandbCommand wandb;

    @Parameters(paramLabel = "PATH|URL", description = "The folder holding W&B run folders, or a W&B server's URL.")
    private String where;

    @Option(names = "--entity", paramLabel = "E", description = "The server's entity (user or team) owning the project.")
    private String entity;

    @Option(names = "--project", paramLabel = "P", description = "The server's project to read.")
    private String project;

    @Option(names = "--key-env", paramLabel = "VAR", description = "The environment variable holding the API key"
            + " (the key itself is never stored).")
    private String keyEnv;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: the folder's name,"
            + " or entity/project).")
    private String name;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = wandb.root().environment();
        boolean server = where.startsWith("http://") || where.startsWith("https://");
        if (!server && (entity != null || project != null || keyEnv != null)) {
            throw new WorkFailedException("--entity, --project and --key-env are for a W&B server's URL, not a folder");
        }
        if (server && keyEnv != null && env.env().get(keyEnv) == null) {
            throw new WorkFailedException("the environment variable " + keyEnv + " is not set; it should hold the W&B API key");
        }
        try (AppContext context = wandb.root().openContext()) {
            Source source;
            try {
                source = server ? context.experiments().addWandbServer(where, entity, project, keyEnv, name)
                        : context.experiments().addWandb(Path.of(where), name);
            } catch (ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            context.secrets().registerNamedIn(source.config(), env.env());
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            SyncBatch.explainCacheFailures(wandb.root(), List.of(run));
            return SyncBatch.allSucceeded(List.of(run)) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
