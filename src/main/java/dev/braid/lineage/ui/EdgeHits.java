package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import java.util.List;

/** Which edge passes closest to a point, within a tolerance, for the hover label. */
final class EdgeHits {
    private EdgeHits() {
    }

    static LaidOutGraph.Route nearest(LaidOutGraph graph, double x, double y, double tolerance) {
        LaidOutGraph.Route best = null;
        double bestDistance = tolerance;
        for (LaidOutGraph.Route route : graph.edges()) {
            List<LaidOutGraph.Point> points = route.points();
            for (int i = 0; i + 1 < points.size(); i++) {
                double d = distance(points.get(i), points.get(i + 1), x, y);
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = route;
                }
            }
        }
        return best;
    }

    static double distance(LaidOutGraph.Point a, LaidOutGraph.Point b, double x, double y) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double length = dx * dx + dy * dy;
        double t = length == 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x()) * dx + (y - a.y()) * dy) / length));
        return Math.hypot(x - (a.x() + t * dx), y - (a.y() + t * dy));
    }
}
