package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid models}: cached registered models. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists cached registered models.",
        subcommands = {ModelsListCommand.class})
final class ModelsCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
