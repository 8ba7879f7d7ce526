package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.GraphExport;
import dev.braid.lineage.GraphLayout;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.PackedLayout;
import dev.braid.lineage.Subgraph;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid lineage export [NODE_ID --depth N] --format dot|json|svg [--as-of TIME]}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the graph, or a node's neighbourhood, to stdout as Graphviz DOT, JSON or SVG",
                "(laid out left to right as the window's lineage explorer draws it). The whole graph as SVG has its",
                "unconnected parts set side by side; past " + LineageExportCommand.SVG_LIMIT + " nodes it is refused as"
                        + " unreadable, with a neighbourhood to export instead."})
final class LineageExportCommand implements Callable<Integer> {
    enum Format { dot, json, svg }

    /** A whole-graph SVG larger than this has boxes too small to read at any sensible size. */
    static final int SVG_LIMIT = 500;

    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NODE_ID", description = "Only this node's neighbourhood (default: the whole graph).")
    private String node;

    @Option(names = "--depth", paramLabel = "N", description = "Hops each way around NODE_ID (default: 2).")
    private Integer depth;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "dot, json or svg.")
    private Format format;

    @Option(names = "--as-of", paramLabel = "TIME", description = "The graph as it stood then (ISO-8601 time or date).")
    private String asOf;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (depth != null && node == null) {
            throw new ParameterException(spec.commandLine(), "--depth needs a NODE_ID");
        }
        int hops = depth == null ? 2 : depth;
        LineageArgs.checkDepth(spec, hops);
        Instant at = LineageArgs.asOf(spec, asOf);
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = lineage.root().openReadContext()) {
            AnswerCheck.tables(lineage.root(), context, AnswerCheck.LINEAGE_EXPORT);
            Subgraph graph;
            if (node == null) {
                graph = context.lineage().everything(at);
                if (format == Format.svg && graph.nodes().size() > SVG_LIMIT) {
                    throw new ParameterException(spec.commandLine(), String.format("the whole graph has %,d nodes: as one"
                            + " SVG its boxes would be too small to read. Export a node's neighbourhood instead%s", graph.nodes().size(),
                            suggestion(context)));
                }
            } else {
                NodeId id = LineageArgs.knownNode(spec, context.lineage(), node);
                graph = context.lineage().neighbourhood(id, hops, hops, at);
            }
            GraphExport export = new GraphExport();
            // JSON is written exact (its encoder escapes control characters); DOT and SVG are text.
            (format == Format.json ? env.data() : env.out()).print(switch (format) {
                case dot -> export.dot(graph);
                case json -> export.json(graph);
                case svg -> export.export(GraphExport.Format.SVG, node == null
                        ? new PackedLayout().layout(graph, 16.0 / 10) : new GraphLayout().layout(graph));
            });
            return ExitCodes.OK;
        }
    }

    /** ", for example: braid lineage export <the newest model version> --depth 2 --format svg", or "." without one. */
    private String suggestion(AppContext context) {
        for (NodeKind kind : java.util.List.of(NodeKind.MODEL_VERSION, NodeKind.EXPERIMENT_RUN, NodeKind.JOB_RUN, NodeKind.DATASET)) {
            java.util.List<dev.braid.lineage.LineageNode> latest = context.lineage().latest(kind, 1);
            if (!latest.isEmpty()) {
                return ", for example:" + System.lineSeparator() + "  braid lineage export " + latest.get(0).id().value()
                        + " --depth 2 --format svg";
            }
        }
        return " (braid lineage export NODE_ID --depth 2 --format svg; find ids with: braid lineage find TEXT).";
    }
}
