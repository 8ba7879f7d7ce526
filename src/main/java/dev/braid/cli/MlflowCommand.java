package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid mlflow}: the MLflow source commands. */
@Command(name = "mlflow", mixinStandardHelpOptions = true, description = "Adds MLflow tracking servers.",
        subcommands = {MlflowAddCommand.class})
final class MlflowCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
