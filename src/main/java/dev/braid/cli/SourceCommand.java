package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.sync.Source;
import dev.braid.sync.SourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/** {@code braid source}: list, rename, pause, resume and remove sources of every kind. */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = {"Lists, renames, pauses, resumes and removes sources of every kind.",
                "Add sources with 'repo add', 'mlflow add' and the other kinds' add commands."},
        subcommands = {SourceListCommand.class, SourceRenameCommand.class, SourceRemoveCommand.class,
                SourcePauseCommand.class, SourceResumeCommand.class})
final class SourceCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }

    /** The source called {@code name}; an unknown name is bad usage, with the closest names suggested. */
    static Source named(CommandSpec spec, AppContext context, String name) {
        try {
            return context.sourceManager().require(name);
        } catch (SourceException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
