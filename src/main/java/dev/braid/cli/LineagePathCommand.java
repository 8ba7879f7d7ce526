package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid lineage path FROM_ID TO_ID [--limit N] [--as-of TIME] [--json]}. */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = {"Shows the shortest paths from one node down to another, one per line.",
                "With --json, one object per line: length and nodes (each with id, kind, name).",
                "Exits with 1 when no path leads from FROM_ID to TO_ID."})
final class LineagePathCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM_ID", description = "Where the path starts (upstream end).")
    private String from;

    @Parameters(index = "1", paramLabel = "TO_ID", description = "Where it ends (downstream end).")
    private String to;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N paths (default: 10).")
    private int limit = 10;

    @Option(names = "--as-of", paramLabel = "TIME", description = "The graph as it stood then (ISO-8601 time or date).")
    private String asOf;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        Instant at = LineageArgs.asOf(spec, asOf);
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = lineage.root().openReadContext()) {
            AnswerCheck.tables(lineage.root(), context, AnswerCheck.LINEAGE);
            LineageService graph = context.lineage();
            NodeId start = LineageArgs.knownNode(spec, graph, from);
            NodeId end = LineageArgs.knownNode(spec, graph, to);
            List<List<NodeId>> paths = graph.paths(start, end, limit, at);
            if (paths.isEmpty()) {
                env.err().println("braid: no path leads from " + from + " down to " + to);
                return ExitCodes.FAILED;
            }
            JsonOutput out = new JsonOutput(env.data());
            for (List<NodeId> path : paths) {
                if (json) {
                    List<Map<String, Object>> nodes = new ArrayList<>();
                    for (NodeId id : path) {
                        LineageNode n = graph.node(id).orElse(new LineageNode(id, id.value(), "", Map.of()));
                        Map<String, Object> node = new LinkedHashMap<>();
                        node.put("id", id.value());
                        node.put("kind", id.kind().id());
                        node.put("name", n.name());
                        nodes.add(node);
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("length", path.size() - 1);
                    line.put("nodes", nodes);
                    out.line(line);
                } else {
                    env.out().println(String.join(" -> ", path.stream().map(id -> TerminalText.value(id.value())).toList()));
                }
            }
            return ExitCodes.OK;
        }
    }
}
