package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SourceException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid source rename NAME NEW_NAME}. */
@Command(name = "rename", mixinStandardHelpOptions = true,
        description = {"Renames a source. Its cached data stays; the lineage it asserted follows the new name",
                "(MLflow node ids contain the source's name: they are derived again under the new one)."})
final class SourceRenameCommand implements Callable<Integer> {
    @ParentCommand
    private SourceCommand source;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The source's name now (see 'braid source list').")
    private String name;

    @Parameters(index = "1", paramLabel = "NEW_NAME", description = "Its new name.")
    private String newName;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = source.root().environment();
        try (AppContext context = source.root().openContext()) {
            Source found = SourceCommand.named(spec, context, name);
            Source renamed;
            try {
                renamed = context.sourceManager().rename(found, newName);
            } catch (SourceException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            env.out().println("Renamed " + found.name() + " to " + renamed.name() + ".");
            return ExitCodes.OK;
        }
    }
}
