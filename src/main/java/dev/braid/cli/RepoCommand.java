package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid repo}: the git repository commands. */
@Command(name = "repo", mixinStandardHelpOptions = true, description = "Adds, lists and shows git repositories.",
        subcommands = {RepoAddCommand.class, RepoListCommand.class, RepoLogCommand.class, RepoScanCommand.class})
final class RepoCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
