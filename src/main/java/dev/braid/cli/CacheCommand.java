package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid cache}: looking after the local cache file. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "Looks after the local cache file.",
        subcommands = {CacheResetCommand.class, CacheCheckCommand.class})
final class CacheCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
