package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.ImpactReport;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.ReachedNode;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
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

/** {@code braid lineage impact NODE_ID [--json | --csv] [--as-of TIME]}. */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"Lists everything downstream of a node (a dataset version, a commit...), grouped by kind.",
                "With --json, one object per line: id, kind, name, depth, direction, status.",
                "With --csv: kind,id,name,status,depth."})
final class LineageImpactCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NODE_ID", description = "The node whose impact to list.")
    private String node;

    @ArgGroup(exclusive = true)
    private Format format;

    static final class Format {
        @Option(names = "--json", required = true, description = "Print JSON Lines.")
        boolean json;

        @Option(names = "--csv", required = true, description = "Print CSV.")
        boolean csv;
    }

    @Option(names = "--as-of", paramLabel = "TIME", description = "The graph as it stood then (ISO-8601 time or date).")
    private String asOf;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        var at = LineageArgs.asOf(spec, asOf);
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = lineage.root().openReadContext()) {
            AnswerCheck.tables(lineage.root(), context, AnswerCheck.LINEAGE);
            ImpactReport report = context.lineage().impact(LineageArgs.knownNode(spec, context.lineage(), node), at);
            Map<NodeKind, List<ReachedNode>> byKind = report.byKind();
            if (format != null && format.csv) {
                // CSV is data, written exact (RFC 4180 line ends), like JSON.
                env.data().print(report.csv());
            } else if (format != null && format.json) {
                JsonOutput out = new JsonOutput(env.data());
                byKind.values().forEach(nodes -> nodes.forEach(r -> out.line(LineageShowCommand.jsonOf(r))));
            } else if (byKind.isEmpty()) {
                env.out().println("Nothing depends on " + node + ".");
            } else {
                for (Map.Entry<NodeKind, List<ReachedNode>> group : byKind.entrySet()) {
                    env.out().println(group.getKey().id() + " (" + group.getValue().size() + ")");
                    for (ReachedNode r : group.getValue()) {
                        LineageNode n = r.node();
                        env.out().println("  " + TerminalText.value(n.id().value()) + "  " + TerminalText.value(n.name())
                                + (n.status().isEmpty() ? "" : "  " + TerminalText.value(n.status()))
                                + "  (" + r.depth() + (r.depth() == 1 ? " hop)" : " hops)"));
                    }
                }
            }
            return ExitCodes.OK;
        }
    }
}
