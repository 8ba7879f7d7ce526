package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.Direction;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeLabels;
import dev.braid.lineage.Reach;
import dev.braid.lineage.ReachedNode;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid lineage show NODE_ID [--upstream | --downstream] [--depth N] [--as-of TIME] [--json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows what a node came from (upstream) and what depends on it (downstream), both by default.",
                "The node itself comes first, at depth 0; then every node reached, nearest first, with its depth",
                "(hops from the node) and direction (self, upstream or downstream), as --json prints them.",
                "Without --depth it goes to the roots and leaves when that is at most 250 nodes, else as many whole",
                "hops as fit, and says on stderr where it stopped and how many nodes lie beyond.",
                "NODE_ID may name a commit as commit:<repository name>:<hash prefix> (see 'lineage find').",
                "With --json, one object per line: id, kind, name, label, depth, direction, status."})
final class LineageShowCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NODE_ID", description = "The node, e.g. dataset:s3://bucket:path/file.parquet.")
    private String node;

    @ArgGroup(exclusive = true)
    private Which which;

    static final class Which {
        @Option(names = "--upstream", required = true, description = "Only what the node came from.")
        boolean upstream;

        @Option(names = "--downstream", required = true, description = "Only what depends on the node.")
        boolean downstream;
    }

    @Option(names = "--depth", paramLabel = "N", description = "Hops to follow (default: all, for small answers).")
    private Integer depth;

    @Option(names = "--as-of", paramLabel = "TIME", description = "The graph as it stood then (ISO-8601 time or date).")
    private String asOf;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (depth != null) {
            LineageArgs.checkDepth(spec, depth);
        }
        Instant at = LineageArgs.asOf(spec, asOf);
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = lineage.root().openReadContext()) {
            AnswerCheck.tables(lineage.root(), context, AnswerCheck.LINEAGE);
            LineageService graph = context.lineage();
            NodeId id = LineageArgs.knownNode(spec, graph, node);
            List<ReachedNode> reached = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            if (which == null || which.upstream) {
                Reach up = graph.reach(id, Direction.UPSTREAM, depth, at);
                reached.addAll(up.nodes());
                notes.add(up.note());
            }
            if (which == null || which.downstream) {
                Reach down = graph.reach(id, Direction.DOWNSTREAM, depth, at);
                reached.addAll(reached.isEmpty() ? down.nodes() : down.nodes().subList(1, down.nodes().size()));
                notes.add(down.note());
            }
            notes.stream().filter(n -> !n.isEmpty()).forEach(n -> env.err().println(n));
            if (json) {
                JsonOutput out = new JsonOutput(env.data());
                reached.forEach(r -> out.line(jsonOf(r)));
            } else {
                // The same depth and direction as --json prints, so a script and a person read one thing.
                TextTable table = new TextTable("DEPTH", "DIRECTION", "KIND", "STATUS", "NAME", "ID");
                for (ReachedNode r : reached) {
                    LineageNode n = r.node();
                    table.row(Integer.toString(r.depth()), direction(r), n.kind().id(), n.status(), NodeLabels.label(n),
                            n.id().value());
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code self} for the node itself, else {@code upstream} or {@code downstream}. */
    static String direction(ReachedNode r) {
        return r.depth() == 0 ? "self" : r.direction() == Direction.UPSTREAM ? "upstream" : "downstream";
    }

    static Map<String, Object> jsonOf(ReachedNode r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.node().id().value());
        out.put("kind", r.node().kind().id());
        out.put("name", r.node().name());
        out.put("label", NodeLabels.label(r.node()));
        out.put("depth", r.depth());
        out.put("direction", direction(r));
        out.put("status", r.node().status());
        return out;
    }
}
