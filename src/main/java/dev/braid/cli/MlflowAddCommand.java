package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid mlflow add URI [--name NAME] [--token-env VAR] [--username USER --password-env VAR]}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds an MLflow tracking server or a local MLflow store (read-only) and syncs it once.",
                "Secrets are never stored: name the environment variables that hold them.",
                "Exits with 1 when it cannot be added or its first sync fails."})
final class MlflowAddCommand implements Callable<Integer> {
    @ParentCommand
    private MlflowCommand mlflow;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "URI", description = "A tracking server (http://127.0.0.1:5000), a SQLite store (sqlite:///path/mlflow.db) or an mlruns folder.")
    private String uri;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: from the address).")
    private String name;

    @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a bearer token.")
    private String tokenEnv;

    @Option(names = "--username", paramLabel = "USER", description = "User name for HTTP basic authentication.")
    private String username;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
    private String passwordEnv;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (tokenEnv != null && username != null) {
            throw new ParameterException(spec.commandLine(), "--token-env cannot be used with --username");
        }
        if ((username == null) != (passwordEnv == null)) {
            throw new ParameterException(spec.commandLine(), "--username and --password-env go together");
        }
        CliEnvironment env = mlflow.root().environment();
        try (AppContext context = mlflow.root().openContext()) {
            Source source;
            try {
                source = context.experiments().addMlflow(uri, name, tokenEnv, username, passwordEnv);
            } catch (ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            SyncBatch.explainCacheFailures(mlflow.root(), List.of(run));
            if (!SyncBatch.allSucceeded(List.of(run))) {
                SyncSummary.keptAfterFailure(env, source);
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
