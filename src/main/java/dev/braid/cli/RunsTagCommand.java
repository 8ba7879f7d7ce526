package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.OutboxEntry;
import dev.braid.experiments.RunEditService;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid runs tag RUN_ID KEY VALUE [--source NAME]}. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"Sets a tag on a cached run: in the cache at once, then on its MLflow server.",
                "Prints \"sent\"; or \"queued: REASON\" when the server cannot be reached now (the tag is sent",
                "by a later sync); or the conflict when the tag changed on the server since Braid read it",
                "(nothing is overwritten). Exit code 0 when sent or queued, 1 on a conflict or refusal."})
final class RunsTagCommand implements Callable<Integer> {
    @ParentCommand
    private RunsCommand runs;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The MLflow run id.")
    private String runId;

    @Parameters(index = "1", paramLabel = "KEY", description = "The tag key.")
    private String key;

    @Parameters(index = "2", paramLabel = "VALUE", description = "The tag value.")
    private String value;

    @Option(names = "--source", paramLabel = "NAME", description = "The MLflow source holding the run (when several do).")
    private String source;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = runs.root().environment();
        try (AppContext context = runs.root().openContext()) {
            RunEditService edits = context.runEdits();
            long sourceId = sourceId(context, edits);
            OutboxEntry entry;
            try {
                entry = edits.setTag(sourceId, runId, key, value);
                edits.sendPending(sourceId);
            } catch (ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            OutboxEntry now = edits.entry(entry.id()).orElse(entry);
            switch (now.state()) {
                case SENT -> env.out().println("sent");
                case PENDING -> env.out().println("queued: " + (now.lastError() == null
                        ? "earlier edits of this source are still waiting" : now.lastError()));
                case CONFLICT -> {
                    env.err().println("conflict: not sent; " + now.target() + " changed on the server: "
                            + now.lastError() + ". The next sync shows the server's value.");
                    return ExitCodes.FAILED;
                }
                case FAILED -> {
                    env.err().println("failed: " + now.lastError());
                    return ExitCodes.FAILED;
                }
                default -> throw new IllegalStateException("unexpected state " + now.state());
            }
            return ExitCodes.OK;
        }
    }

    private long sourceId(AppContext context, RunEditService edits) {
        if (source != null) {
            return context.experiments().sources().stream().filter(s -> s.name().equals(source)).map(Source::id)
                    .findFirst().orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown MLflow source: " + source));
        }
        try {
            return edits.sourceOfRun(runId);
        } catch (ExperimentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + (e.getMessage().contains("name one")
                    ? " with --source" : ""));
        }
    }
}
