package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SourceException;
import dev.braid.sync.SourceRemoval;
import java.io.Console;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid source remove NAME [--yes]}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Removes a source and everything cached from it (its rows, the lineage it asserted, a clone",
                "Braid made of it, fetched artifacts) in one transaction. The repository, store or server itself",
                "is never touched. Asks first at a terminal; without one, --yes is required."})
final class SourceRemoveCommand implements Callable<Integer> {
    @ParentCommand
    private SourceCommand source;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The source to remove (see 'braid source list').")
    private String name;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    private boolean yes;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = source.root().environment();
        try (AppContext context = source.root().openContext()) {
            Source found = SourceCommand.named(spec, context, name);
            SourceRemoval preview = context.sourceManager().preview(found);
            if (!yes && !confirmed(env, found, preview)) {
                return ExitCodes.OK;
            }
            SourceRemoval removed;
            try {
                removed = context.sourceManager().remove(found);
            } catch (SourceException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            env.out().println("Removed " + found.name() + " (" + removed.summary() + ").");
            for (String problem : removed.fileProblems()) {
                env.err().println("braid: could not delete " + problem);
            }
            return removed.fileProblems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Asks at the terminal; without one (a script, CI) refuses, so nothing is removed by accident. */
    private boolean confirmed(CliEnvironment env, Source found, SourceRemoval preview) {
        Console console = env.env().containsKey("CI") ? null : System.console();
        String what = "Removing " + found.name() + " (" + found.kind() + ") deletes " + preview.summary()
                + " from Braid's cache.";
        if (console == null) {
            throw new ParameterException(spec.commandLine(), what + " Run again with --yes to confirm.");
        }
        String answer = console.readLine("%s Remove it? [y/N] ", what);
        boolean yesAnswer = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        if (!yesAnswer) {
            env.err().println("Nothing was removed.");
        }
        return yesAnswer;
    }
}
