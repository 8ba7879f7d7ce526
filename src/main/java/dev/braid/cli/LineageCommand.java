package dev.braid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid lineage}: the lineage graph commands. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Imports and receives OpenLineage events and answers questions of the lineage graph.",
                "Node ids are <kind>:<rest>, e.g. dataset:s3://bucket:path/file.parquet; find them with 'lineage find'.",
                "A commit may be named commit:<repository name>:<hash prefix>."},
        subcommands = {LineageImportCommand.class, LineageServeCommand.class, LineageFindCommand.class, LineageShowCommand.class,
                LineagePathCommand.class, LineageImpactCommand.class, LineageLabelCommand.class, LineageExportCommand.class})
final class LineageCommand {
    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
