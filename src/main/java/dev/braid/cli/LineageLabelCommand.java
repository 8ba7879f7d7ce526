package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.InheritedLabel;
import dev.braid.lineage.NodeId;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid lineage label NODE_ID [LABEL] [--remove]}. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Marks a node with a sensitivity label such as PII or restricted; every node downstream",
                "inherits it. Without LABEL, lists the node's labels, own and inherited, with the path",
                "that carries each one down."})
final class LineageLabelCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node.")
    private String node;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LABEL", description = "The label to add (or remove).")
    private String label;

    @Option(names = "--remove", description = "Remove LABEL from the node instead.")
    private boolean remove;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (remove && label == null) {
            throw new ParameterException(spec.commandLine(), "--remove needs the LABEL to remove");
        }
        CliEnvironment env = lineage.root().environment();
        try (AppContext context = label == null ? lineage.root().openReadContext() : lineage.root().openContext()) {
            NodeId id = LineageArgs.knownNode(spec, context.lineage(), node);
            if (label == null) {
                AnswerCheck.tables(lineage.root(), context, AnswerCheck.LINEAGE);
                List<InheritedLabel> labels = context.lineage().labels(id, null);
                for (InheritedLabel l : labels) {
                    env.out().println(TerminalText.value(l.label()) + (l.path().size() == 1 ? "  (own)"
                            : "  from " + String.join(" -> ", l.path().stream().map(step -> TerminalText.value(step.value())).toList())));
                }
                return ExitCodes.OK;
            }
            if (remove) {
                boolean removed = context.lineage().unlabel(id, label);
                env.err().println(removed ? "Removed " + label + " from " + node + "." : node + " had no label " + label + ".");
            } else {
                try {
                    boolean added = context.lineage().label(id, label);
                    env.err().println(added ? "Labelled " + node + " " + label + "." : node + " already had " + label + ".");
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            return ExitCodes.OK;
        }
    }
}
