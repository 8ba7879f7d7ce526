package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code braid source pause} and {@code braid source resume} share: find the source, set its paused flag,
 * say what changed. Each subclass gives the flag it sets and its own words.
 */
abstract class SourcePausingCommand implements Callable<Integer> {
    @ParentCommand
    private SourceCommand source;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME",
            description = "The source to ${COMMAND-NAME} (see 'braid source list').")
    private String name;

    /** The paused flag this command sets. */
    abstract boolean pausing();

    /** The line printed afterwards, given the source as it was before. */
    abstract String outcome(Source before);

    @Override
    public final Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = source.root().environment();
        try (AppContext context = source.root().openContext()) {
            Source found = SourceCommand.named(spec, context, name);
            context.sourceManager().setPaused(found, pausing());
            env.out().println(outcome(found));
            return ExitCodes.OK;
        }
    }
}
