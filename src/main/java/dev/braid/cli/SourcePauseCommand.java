package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid source pause NAME}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pauses a source: its cached data stays, but 'braid sync' without names, the window's",
                "Sync now and the periodic sync leave it out until it is resumed. 'braid sync NAME' still syncs it."})
final class SourcePauseCommand implements Callable<Integer> {
    @ParentCommand
    private SourceCommand source;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The source to pause (see 'braid source list').")
    private String name;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = source.root().environment();
        try (AppContext context = source.root().openContext()) {
            Source found = SourceCommand.named(spec, context, name);
            context.sourceManager().setPaused(found, true);
            env.out().println(found.paused() ? found.name() + " was already paused."
                    : "Paused " + found.name() + "; resume it with: braid source resume " + found.name());
            return ExitCodes.OK;
        }
    }
}
