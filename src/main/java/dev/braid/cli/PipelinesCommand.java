package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid pipelines}: pipeline definitions and DVC pipelines of indexed repositories. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = {"Pipelines: definitions at any commit (CI files, Kubeflow specs, dvc.yaml) and DVC pipelines."},
        subcommands = {PipelinesDagCommand.class, PipelinesStatusCommand.class, PipelinesParamsDiffCommand.class,
                PipelinesMetricsDiffCommand.class})
final class PipelinesCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
