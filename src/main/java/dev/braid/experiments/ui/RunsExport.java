package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Writes runs with the visible columns to a CSV file, off the UI thread. */
final class RunsExport {
    private RunsExport() {
    }

    /** The cell texts are taken now (on the UI thread); only the writing runs in the background. */
    static void write(TaskRunner runner, RunCells cells, List<RunColumn> visible, Path file, List<RunSummary> rows,
                      Consumer<String> report) {
        // A star is a mark in this cache, not data of the run.
        List<RunColumn> shown = visible.stream().filter(c -> c.kind() != RunColumn.Kind.STAR).toList();
        List<String> header = shown.stream().map(RunColumn::id).toList();
        List<List<String>> lines = new ArrayList<>(rows.size());
        for (RunSummary run : rows) {
            lines.add(shown.stream().map(c -> cells.exportText(run, c)).toList());
        }
        runner.run(() -> {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                RunsCsv.write(out, header, lines);
            }
            return lines.size();
        }, count -> report.accept("Exported " + count + (count == 1 ? " run to " : " runs to ") + file.getFileName()),
                failure -> report.accept("Could not export to " + file + ": " + dev.braid.sync.PlainErrors.describe(failure)));
    }
}
