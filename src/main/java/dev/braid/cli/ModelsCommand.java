package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid models}: cached registered models. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Cached registered models: list them, scan their files, set their aliases.",
        subcommands = {ModelsListCommand.class, ModelsScanCommand.class, ModelsAliasCommand.class})
final class ModelsCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
