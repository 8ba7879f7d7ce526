package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.ImportReport;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code braid lineage import PATH...}: OpenLineage files written by the client's file transport. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports OpenLineage events from files written by the OpenLineage client's file transport:",
                "JSON Lines (append mode) or one event per file, and folders of them (.json, .jsonl, .ndjson).",
                "Every refused event is reported on stderr as file:line: reason and skipped; the rest is imported.",
                "Events accepted despite a gap (no schemaURL) are counted and their warning printed once.",
                "Importing the same events again changes nothing. Exits with 1 when any event was refused."})
final class LineageImportCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to import.")
    private List<Path> paths;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = lineage.root().openContext()) {
            ImportReport report = context.openLineageImporter().importPaths(paths);
            report.problems().forEach(problem -> env.err().println("braid: " + problem));
            report.warnings().forEach(warning -> env.err().println("braid: warning: " + warning));
            int warned = report.warnings().stream().mapToInt(ImportReport.Warning::events).sum();
            env.out().printf("Imported %d new events from %d files (%d already imported, %d refused%s).%n",
                    report.added(), report.files(), report.repeated(), report.problems().size(),
                    warned == 0 ? "" : ", " + warned + " accepted with warnings");
            return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
