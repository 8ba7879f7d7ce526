package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid runs}: cached ML runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists cached ML runs.",
        subcommands = {RunsListCommand.class})
final class RunsCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
