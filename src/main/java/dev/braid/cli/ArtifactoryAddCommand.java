package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.artifacts.ArtifactoryException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code braid artifactory add URL [--repo NAME]... --token-env VAR [--name NAME]}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a JFrog Artifactory and syncs it once: the files of its repositories (checksums and",
                "properties) and its published build-info. URL is Artifactory's base URL, such as",
                "https://acme.jfrog.io/artifactory. Credentials are read from environment variables, never stored:",
                "an access token (--token-env), or a user with a password or API key (--user, --password-env).",
                "Exits with 1 when it cannot be added or its first sync fails."})
final class ArtifactoryAddCommand implements Callable<Integer> {
    @ParentCommand
    private ArtifactoryCommand artifactory;

    @Parameters(paramLabel = "URL", description = "Artifactory's base URL.")
    private String url;

    @Option(names = "--repo", paramLabel = "NAME",
            description = "A repository key to follow; repeat for more (default: every local repository).")
    private List<String> repos = new ArrayList<>();

    @Option(names = "--token-env", paramLabel = "VAR", description = "The environment variable holding an access token.")
    private String tokenEnv;

    @Option(names = "--user", paramLabel = "USER", description = "Sign in as USER (HTTP basic), with --password-env.")
    private String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "The environment variable holding --user's password or API key.")
    private String passwordEnv;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: the host).")
    private String name;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = artifactory.root().environment();
        try (AppContext context = artifactory.root().openContext()) {
            Source source;
            try {
                source = context.artifactory().add(url, repos, tokenEnv, user, passwordEnv, name);
            } catch (ArtifactoryException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            context.secrets().registerNamedIn(source.config(), env.env());
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            SyncBatch.explainCacheFailures(artifactory.root(), List.of(run));
            return SyncBatch.allSucceeded(List.of(run)) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
