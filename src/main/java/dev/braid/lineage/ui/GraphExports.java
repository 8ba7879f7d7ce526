package dev.braid.lineage.ui;

import dev.braid.lineage.GraphExport;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.ui.TaskRunner;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writes the shown graph to a file in the background: DOT, JSON and SVG from the layout, PNG from a snapshot's pixels. */
final class GraphExports {
    private final GraphExport exporter = new GraphExport();
    private final TaskRunner runner;
    private final Consumer<String> status;

    /** {@code status} hears what was written, or why not. */
    GraphExports(TaskRunner runner, Consumer<String> status) {
        this.runner = runner;
        this.status = status;
    }

    void write(GraphExport.Format format, LaidOutGraph graph, Path file) {
        runner.run(() -> {
            exporter.write(format, graph, file);
            return file;
        }, done -> status.accept("Exported " + graph.nodes().size() + " nodes as " + format + " to " + done), this::failed);
    }

    /** ARGB pixels, row by row. */
    void writePng(Path file, int width, int height, int[] argb) {
        runner.run(() -> {
            PngFile.write(file, width, height, argb);
            return file;
        }, done -> status.accept("Exported a " + width + " × " + height + " picture to " + done), this::failed);
    }

    private void failed(Throwable failure) {
        status.accept("Could not export: " + dev.braid.sync.PlainErrors.describe(failure));
    }
}
