package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid pipelines}: CI pipeline sources and their cached runs, and pipeline definitions at any commit. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = {"Adds CI pipeline sources and lists, shows and summarises their cached runs;",
                "reads pipeline definitions at any commit (CI files, Kubeflow specs, dvc.yaml) and DVC pipelines."},
        subcommands = {PipelinesAddCommand.class, PipelinesListCommand.class, PipelinesShowCommand.class,
                PipelinesLogCommand.class, PipelinesTrendsCommand.class, PipelinesDagCommand.class,
                PipelinesStatusCommand.class, PipelinesParamsDiffCommand.class, PipelinesMetricsDiffCommand.class})
final class PipelinesCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
