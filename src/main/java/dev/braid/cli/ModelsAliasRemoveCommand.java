package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.OutboxEntry;
import dev.braid.experiments.RegisteredModel;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
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

/** {@code braid models alias remove MODEL ALIAS [--source NAME]}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Removes ALIAS from a registered model (no scan needed). Prints \"sent\" or \"queued: REASON\"."})
final class ModelsAliasRemoveCommand implements Callable<Integer> {
    @ParentCommand
    private ModelsAliasCommand alias;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias to remove.")
    private String name;

    @Option(names = "--source", paramLabel = "NAME", description = "The MLflow source holding the model (when several do).")
    private String source;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        BraidCommand root = alias.models().root();
        try (AppContext context = root.openContext()) {
            List<Source> sources = context.experiments().sources().stream()
                    .filter(s -> source == null || s.name().equals(source)).toList();
            List<RegisteredModel> found = context.experiments().models().stream().filter(m -> m.name().equals(model)
                    && sources.stream().anyMatch(s -> s.id() == m.sourceId())).toList();
            if (found.size() != 1) {
                throw new ParameterException(spec.commandLine(), found.isEmpty() ? "no cached registered model " + model
                        : model + " is in several sources; name one with --source");
            }
            long sourceId = found.get(0).sourceId();
            OutboxEntry entry;
            try {
                entry = context.runEdits().removeAlias(sourceId, model, name);
                context.runEdits().sendPending(sourceId);
            } catch (ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            return AliasOutcome.print(root.environment(), context.runEdits().entry(entry.id()).orElse(entry));
        }
    }
}
