package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid env}: what models were built with, against what serves them. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Compares the environments of model versions and serving targets.",
        subcommands = {EnvDiffCommand.class})
final class EnvCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
