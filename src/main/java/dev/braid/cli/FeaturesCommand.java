package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid features}: Feast registries, feature views, their versions and who used them. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Feature views of Feast registries: versions, diffs, and the runs and models that used them.",
        subcommands = {FeaturesAddCommand.class, FeaturesListCommand.class, FeaturesShowCommand.class,
                FeaturesDiffCommand.class, FeaturesUsedByCommand.class})
final class FeaturesCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
