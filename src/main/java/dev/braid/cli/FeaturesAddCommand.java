package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.features.FeatureException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code braid features add URL|PATH [--name NAME] [--project P] [--token-env VAR]}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a Feast registry and syncs it once; `braid sync` syncs it from then on.",
                "URL is a registry server (feast serve_registry --rest-api); PATH is a registry.db file,",
                "the folder holding it, or a feature repository whose feature_store.yaml names a file registry.",
                "Exits with 1 when it cannot be added or its first sync fails."})
final class FeaturesAddCommand implements Callable<Integer> {
    @ParentCommand
    private FeaturesCommand features;

    @Parameters(paramLabel = "URL|PATH", description = "A registry server (http://127.0.0.1:6572) or a registry file or feature repository.")
    private String address;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: from the address).")
    private String name;

    @Option(names = "--project", paramLabel = "P", description = "Only this Feast project of the registry.")
    private String project;

    @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a bearer token for the server.")
    private String tokenEnv;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = features.root().environment();
        try (AppContext context = features.root().openContext()) {
            Source source;
            try {
                source = context.features().addRegistry(address, name, project, tokenEnv);
            } catch (FeatureException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            return SyncBatch.allSucceeded(List.of(run)) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
