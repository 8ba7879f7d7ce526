package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid runs}: cached ML runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists, compares and tags cached ML runs.",
        subcommands = {RunsListCommand.class, RunsCompareCommand.class, RunsTagCommand.class})
final class RunsCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
