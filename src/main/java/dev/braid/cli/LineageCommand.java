package dev.braid.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid lineage}: the lineage graph commands. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Imports and receives OpenLineage events and answers questions of the lineage graph.",
                "Node ids are <kind>:<rest>, e.g. dataset:s3://bucket:path/file.parquet; find them with 'lineage find'.",
                "A commit may be named commit:<repository name>:<hash prefix>."})
final class LineageCommand {
    /**
     * The lineage commands, in the order its help lists them; registered by {@link Cli} like
     * {@link BraidCommand#SUBCOMMANDS}: only the one the arguments name, since a lineage question
     * is a command people and scripts run often and picocli builds every registered command.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            LineageImportCommand.class,
            LineageServeCommand.class,
            LineageFindCommand.class,
            LineageShowCommand.class,
            LineagePathCommand.class,
            LineageImpactCommand.class,
            LineageLabelCommand.class,
            LineageExportCommand.class);

    @ParentCommand
    private BraidCommand root;

    BraidCommand root() {
        return root;
    }
}
