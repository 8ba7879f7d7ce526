package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid pipelines}: CI pipeline sources and their cached runs. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = "Adds CI pipeline sources and lists, shows and summarises their cached runs.",
        subcommands = {PipelinesAddCommand.class, PipelinesListCommand.class, PipelinesShowCommand.class,
                PipelinesLogCommand.class, PipelinesTrendsCommand.class})
final class PipelinesCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
