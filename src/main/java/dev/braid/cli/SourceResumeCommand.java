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

/** {@code braid source resume NAME}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resumes a paused source: the next 'braid sync' and the window's syncs include it again.")
final class SourceResumeCommand implements Callable<Integer> {
    @ParentCommand
    private SourceCommand source;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The source to resume (see 'braid source list').")
    private String name;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = source.root().environment();
        try (AppContext context = source.root().openContext()) {
            Source found = SourceCommand.named(spec, context, name);
            context.sourceManager().setPaused(found, false);
            env.out().println(found.paused() ? "Resumed " + found.name() + "." : found.name() + " was not paused.");
            return ExitCodes.OK;
        }
    }
}
