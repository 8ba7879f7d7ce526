package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.repos.RepoException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code braid repo add PATH_OR_URL [--name NAME] [--username-env VAR] [--password-env VAR]}: adds a
 * repository, then syncs it once.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a git repository (a local folder, or a URL to clone) and syncs it once.",
                "Progress goes to stderr. Exits with 1 when it cannot be added or its first sync fails."})
final class RepoAddCommand implements Callable<Integer> {
    @ParentCommand
    private RepoCommand repo;

    @Parameters(paramLabel = "PATH_OR_URL", description = "A git work tree's top folder, a bare repository, or a URL to clone"
            + " (https, ssh, file, user@host:path).")
    private String location;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: from the folder or URL).")
    private String name;

    @Option(names = "--username-env", paramLabel = "VAR",
            description = "An environment variable holding the remote's user name (only its name is stored).")
    private String usernameEnv;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "An environment variable holding the remote's password or token (only its name is stored).")
    private String passwordEnv;

    @Override
    public Integer call() throws CacheOpenException, IOException, RepoException {
        CliEnvironment env = repo.root().environment();
        try (AppContext context = repo.root().openContext()) {
            Map<String, String> variables = new HashMap<>();
            if (usernameEnv != null) {
                variables.put("usernameEnv", usernameEnv);
            }
            if (passwordEnv != null) {
                variables.put("passwordEnv", passwordEnv);
            }
            Source source = context.repositories().add(location, name, variables, new AddProgress(env));
            context.secrets().registerNamedIn(source.config(), env.env());
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            SyncBatch.explainCacheFailures(repo.root(), List.of(run));
            if (!SyncBatch.allSucceeded(List.of(run))) {
                SyncSummary.keptAfterFailure(env, source);
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }

    /** Progress of the add itself (a clone can take a while), as plain lines on stderr. */
    private static final class AddProgress implements SyncContext {
        private final CliEnvironment env;
        private long lastPrinted = Long.MIN_VALUE;

        AddProgress(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void progress(double fraction, String message) {
            long now = System.nanoTime();
            if (lastPrinted != Long.MIN_VALUE && now - lastPrinted < SyncProgress.MIN_GAP_NANOS) {
                return;
            }
            lastPrinted = now;
            env.err().println(SyncProgress.describe(fraction, message));
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
