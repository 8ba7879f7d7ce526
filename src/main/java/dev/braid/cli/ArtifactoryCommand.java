package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid artifactory}: JFrog Artifactory sources. */
@Command(name = "artifactory", mixinStandardHelpOptions = true,
        description = "Adds JFrog Artifactory sources and lists their cached files and builds, and scans their model files.",
        subcommands = {ArtifactoryAddCommand.class, ArtifactoryFilesCommand.class, ArtifactoryBuildsCommand.class,
                ArtifactoryScanCommand.class})
final class ArtifactoryCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
