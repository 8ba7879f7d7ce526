package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.OutboxEntry;
import dev.braid.security.PromotionRefused;
import dev.braid.security.SecurityException;
import dev.braid.security.SecurityServices;
import dev.braid.security.VersionRef;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid models alias set MODEL_VERSION_ID ALIAS [--override REASON]}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Points ALIAS (such as champion) at a model version. A version whose files are not scanned safe",
                "(dangerous, suspicious, unknown, never scanned, or scanned under an older policy) is refused unless",
                "--override gives a reason; the override and who gave it go into the governance log.",
                "Prints \"sent\", or \"queued: REASON\" when the server cannot be reached now.",
                "Exit code 0 when sent or queued, 1 when refused, on a conflict or a failure."})
final class ModelsAliasSetCommand implements Callable<Integer> {
    @ParentCommand
    private ModelsAliasCommand alias;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_VERSION_ID", description = "MODEL/VERSION, SOURCE:MODEL/VERSION or"
            + " model-version:SOURCE:MODEL/VERSION.")
    private String id;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias, such as champion.")
    private String name;

    @Option(names = "--override", paramLabel = "REASON", description = "Promote a version whose scan is not safe,"
            + " for this reason (recorded).")
    private String override;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        BraidCommand root = alias.models().root();
        CliEnvironment env = root.environment();
        try (AppContext context = root.openContext()) {
            SecurityServices security = context.security();
            VersionRef ref;
            try {
                ref = security.versions().resolve(id).ref();
            } catch (SecurityException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            OutboxEntry entry;
            try {
                entry = security.promotion().setAlias(ref, name, override);
                context.runEdits().sendPending(ref.sourceId());
            } catch (PromotionRefused e) {
                env.err().println(e.getMessage() + ". Scan it with: " + root.commandFor("models scan " + id)
                        + ", or give --override REASON.");
                return ExitCodes.FAILED;
            } catch (SecurityException | ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            OutboxEntry now = context.runEdits().entry(entry.id()).orElse(entry);
            return AliasOutcome.print(env, now);
        }
    }
}
