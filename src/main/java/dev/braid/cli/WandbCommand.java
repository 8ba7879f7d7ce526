package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid wandb}: the Weights &amp; Biases source commands. */
@Command(name = "wandb", mixinStandardHelpOptions = true, description = "Adds folders of Weights & Biases runs and W&B servers.",
        subcommands = {WandbAddCommand.class})
final class WandbCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
