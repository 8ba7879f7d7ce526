package dev.braid.lineage;

import java.util.Locale;
import java.util.Map;

/**
 * SVG from laid-out coordinates: one group per node (its outline, a stripe in the kind's colour,
 * name, kind and status) and one polyline per edge with an arrowhead. Every edge and node carries
 * a {@code <title>}, which browsers show on hover. Colours are the light theme's.
 */
final class SvgWriter {
    private static final Map<String, String> KIND_COLOURS = Map.ofEntries(
            Map.entry("repo", "#57606a"), Map.entry("commit", "#0969da"), Map.entry("dataset", "#1a7f37"),
            Map.entry("dataset-version", "#1a7f37"), Map.entry("job", "#bc4c00"), Map.entry("job-run", "#bc4c00"),
            Map.entry("mlflow-run", "#8250df"), Map.entry("model", "#bf3989"), Map.entry("model-version", "#bf3989"),
            Map.entry("logged-model", "#bf3989"), Map.entry("alias", "#9a6700"), Map.entry("artifact", "#1b7c83"));
    private static final double CHAR_WIDTH = 6.6;
    private final StringBuilder out = new StringBuilder();

    String write(LaidOutGraph graph) {
        double width = Math.max(1, graph.width());
        double height = Math.max(1, graph.height());
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">%n", width, height, width, height));
        out.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
                + "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8c959f\"/></marker></defs>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g class=\"edges\">\n");
        for (LaidOutGraph.Route route : graph.edges()) {
            out.append("<polyline class=\"edge\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\" points=\"");
            for (LaidOutGraph.Point p : route.points()) {
                out.append(number(p.x())).append(',').append(number(p.y())).append(' ');
            }
            out.append("\"><title>").append(text(route.edge().kind().id() + " (" + route.edge().assertedBy() + ")"))
                    .append("</title></polyline>\n");
        }
        out.append("</g>\n<g class=\"nodes\">\n");
        for (LaidOutGraph.Placed node : graph.nodes()) {
            node(node);
        }
        return out.append("</g>\n</svg>\n").toString();
    }

    private void node(LaidOutGraph.Placed placed) {
        LineageNode node = placed.node();
        String colour = KIND_COLOURS.getOrDefault(node.kind().id(), "#57606a");
        double x = placed.x();
        double y = placed.y();
        double w = placed.width();
        double h = placed.height();
        out.append("<g class=\"node\" data-id=\"").append(text(node.id().value())).append("\"><title>")
                .append(text(NodeLabels.label(node) + " — " + node.id().value())).append("</title>\n");
        String paint = " fill=\"#f6f8fa\" stroke=\"" + colour + "\" stroke-width=\"1.4\"";
        NodeShape shape = NodeShape.of(node.kind());
        switch (shape) {
            case BOX -> rect(x, y, w, h, 2, paint);
            case ROUNDED -> rect(x, y, w, h, 8, paint);
            case PILL -> rect(x, y, w, h, h / 2, paint);
            case HEXAGON -> polygon(paint, x + 10, y, x + w - 10, y, x + w, y + h / 2, x + w - 10, y + h, x + 10, y + h, x, y + h / 2);
            case NOTE -> polygon(paint, x, y, x + w - 12, y, x + w, y + 12, x + w, y + h, x, y + h);
            case STACK -> {
                rect(x + 6, y - 6, w, h, 6, paint);
                rect(x + 3, y - 3, w, h, 6, paint);
                rect(x, y, w, h, 6, paint);
            }
        }
        double left = x + (shape == NodeShape.PILL || shape == NodeShape.HEXAGON ? 16 : 12);
        out.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"4\" height=\"%s\" rx=\"2\" fill=\"%s\"/>%n",
                number(left - 8), number(y + 9), number(h - 18), colour));
        int fits = (int) ((w - (left - x) - 22) / CHAR_WIDTH);
        out.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"12\" font-weight=\"bold\" fill=\"#1f2328\">%s</text>%n",
                number(left), number(y + 19), text(fit(NodeLabels.label(node), fits))));
        String detail = node.kind().id() + (node.status().isEmpty() ? "" : " · " + node.status().toLowerCase(Locale.ROOT));
        out.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"10\" fill=\"#57606a\">%s</text>%n",
                number(left), number(y + 35), text(fit(detail, fits + 3))));
        String status = NodeShape.statusClass(node.status());
        if (!status.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"4.5\" fill=\"%s\"/>%n",
                    number(x + w - 16), number(y + h / 2), statusColour(status)));
        }
        out.append("</g>\n");
    }

    static String statusColour(String statusClass) {
        return switch (statusClass) {
            case "ok" -> "#1a7f37";
            case "failed" -> "#cf222e";
            case "running" -> "#0969da";
            case "stopped" -> "#9a6700";
            default -> "#8c959f";
        };
    }

    private void rect(double x, double y, double w, double h, double radius, String paint) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\"%s/>%n",
                number(x), number(y), number(w), number(h), number(radius), paint));
    }

    private void polygon(String paint, double... xy) {
        out.append("<polygon points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            out.append(number(xy[i])).append(',').append(number(xy[i + 1])).append(' ');
        }
        out.append('"').append(paint).append("/>\n");
    }

    static String fit(String text, int chars) {
        if (chars < 2 || text.length() <= chars) {
            return text;
        }
        // Keep the end too: it is often what tells siblings apart (a run's number, a digest).
        int head = ((chars - 1) * 3 + 4) / 5;
        int tail = chars - 1 - head;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }

    /** XML 1.0 forbids most control characters, U+FFFE/U+FFFF and surrogates that are not part of a pair. */
    private static boolean allowed(String raw, int i) {
        char c = raw.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(raw.charAt(i - 1));
        }
        return (c >= 0x20 || c == '\t') && c != 0xFFFE && c != 0xFFFF;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text for XML content and attributes: markup escaped, characters XML 1.0 forbids replaced. */
    static String text(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(allowed(raw, i) ? c : '?');
            }
        }
        return out.toString();
    }
}
