package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid models alias}: point a model's alias at a version (gated by its scan), or remove one. */
@Command(name = "alias", mixinStandardHelpOptions = true,
        description = "Sets or removes a registered model's alias, in the cache at once and then on its MLflow server.",
        subcommands = {ModelsAliasSetCommand.class, ModelsAliasRemoveCommand.class})
final class ModelsAliasCommand {
    @ParentCommand
    private ModelsCommand models;

    ModelsCommand models() {
        return models;
    }
}
