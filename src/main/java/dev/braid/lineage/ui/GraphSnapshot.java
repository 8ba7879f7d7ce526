package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A picture of the whole shown graph, not just the visible part: painted on a canvas of its own at
 * up to twice its natural size (less for big graphs, to stay within {@link #MAX_PIXELS}) in the
 * current theme's colours, then read back as ARGB pixels. Must run on the UI thread.
 */
final class GraphSnapshot {
    static final double MAX_PIXELS = 16_000_000;
    static final double MAX_SIDE = 8192;

    interface Pixels {
        void accept(int width, int height, int[] argb);
    }

    private GraphSnapshot() {
    }

    static void take(GraphCanvas source, LaidOutGraph graph, Pixels sink) {
        double scale = Math.min(2, Math.min(Math.sqrt(MAX_PIXELS / Math.max(1, graph.width() * graph.height())),
                MAX_SIDE / Math.max(graph.width(), graph.height())));
        int width = Math.max(1, (int) Math.ceil(graph.width() * scale));
        int height = Math.max(1, (int) Math.ceil(graph.height() * scale));
        Canvas canvas = new Canvas(width, height);
        Viewport view = new Viewport();
        view.zoom(scale, 0, 0);
        GraphPainter painter = new GraphPainter(KindIcons.font(17));
        painter.paint(canvas.getGraphicsContext2D(), graph, view, width, height, source.colours(), GraphPainter.Marks.NONE);
        WritableImage image = canvas.snapshot(new SnapshotParameters(), null);
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        sink.accept(width, height, pixels);
    }
}
