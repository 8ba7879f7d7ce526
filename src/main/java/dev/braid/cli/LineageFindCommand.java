package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.NodeLabels;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid lineage find TEXT [--kind K] [--limit N] [--json]}: nodes by name or id, so no one has to guess an id. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Finds lineage nodes whose name or id contains TEXT (ignoring case), best matches first.",
                "The ID column is what 'lineage show', 'path', 'impact' and 'export' take.",
                "With --json, one object per line: id, kind, name, label, status."})
final class LineageFindCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TEXT", description = "Part of a node's name or id: a file name, a run name, a commit hash...")
    private String text;

    @Option(names = "--kind", paramLabel = "K",
            description = "Only nodes of this kind: repo, commit, dataset, dataset-version, job, job-run, mlflow-run,"
                    + " model, model-version, alias, logged-model, artifact (and kinds other sources add).")
    private String kind;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "At most N nodes (default: 50).")
    private int limit = 50;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (text == null || text.isBlank()) {
            throw new ParameterException(spec.commandLine(), "give some text to find");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        NodeKind wanted = null;
        if (kind != null) {
            try {
                wanted = new NodeKind(kind.strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "not a node kind: " + kind);
            }
        }
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = lineage.root().openContext()) {
            List<LineageNode> found = context.lineage().find(text, wanted, limit);
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                found.forEach(node -> out.line(jsonOf(node)));
            } else if (found.isEmpty()) {
                env.err().println("No node's name or id contains \"" + text.strip() + "\""
                        + (wanted == null ? "." : " among the " + wanted.id() + " nodes."));
            } else {
                TextTable table = new TextTable("KIND", "NAME", "ID");
                for (LineageNode node : found) {
                    table.row(node.kind().id(), NodeLabels.label(node), node.id().value());
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> jsonOf(LineageNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", node.id().value());
        out.put("kind", node.kind().id());
        out.put("name", node.name());
        out.put("label", NodeLabels.label(node));
        out.put("status", node.status());
        return out;
    }
}
