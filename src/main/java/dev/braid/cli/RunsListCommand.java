package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.filter.FilterSyntaxException;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import dev.braid.sync.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code braid runs list [--source NAME] [--experiment NAME]... [--filter EXPR] [--order-by KEY]
 * [--columns KEY,...] [--limit N] [--json]}.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists cached runs, newest first. The table shows the keys named in --filter and --order-by,",
                "and those given with --columns.",
                "With --json, one object per line: run_id, experiment_id, experiment_name, run_name, status,",
                "start_time, end_time (epoch ms), params, metrics (latest values), tags, source, source_kind",
                "(mlflow or wandb)."})
final class RunsListCommand implements Callable<Integer> {
    @ParentCommand
    private RunsCommand runs;

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME", description = "Only runs of this source (MLflow or W&B).")
    private String source;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Only runs of this experiment (repeatable).")
    private List<String> experiments = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "EXPR", description = "MLflow search syntax, e.g. \"metrics.rmse < 0.5\".")
    private String filter;

    @Option(names = "--order-by", paramLabel = "KEY", description = "\"KEY [ASC|DESC]\" with MLflow's names.")
    private String orderBy;

    @Option(names = "--columns", paramLabel = "KEY", split = ",",
            description = "More columns for the table: metrics.rmse, params.lr, tags.team, attributes.user_id, or a bare"
                    + " key (looked up among metrics, then params, then tags).")
    private List<String> columns = new ArrayList<>();

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most N runs (default: all).")
    private Integer limit;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        CliEnvironment env = runs.root().environment();
        try (AppContext context = runs.root().openReadContext()) {
            AnswerCheck.tables(runs.root(), context, AnswerCheck.RUNS);
            RunsArgs.checkScope(spec, context, source, experiments);
            List<RunSummary> found;
            try {
                found = context.experiments().runs(new RunQuery(source, experiments, filter, orderBy,
                        limit == null ? 0 : limit));
            } catch (ExperimentException e) {
                if (e.getCause() instanceof FilterSyntaxException) {
                    // A malformed --filter or --order-by is bad usage, like any other bad argument.
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                throw new WorkFailedException(e.getMessage(), e);
            }
            if (json) {
                JsonOutput out = new JsonOutput(env.data());
                Map<Long, Source> sources = new HashMap<>();
                context.experiments().sources().forEach(s -> sources.put(s.id(), s));
                for (RunSummary run : found) {
                    Map<String, Object> line = jsonOf(run);
                    Source from = sources.get(run.sourceId());
                    line.put("source", from == null ? null : from.name());
                    line.put("source_kind", from == null ? null : from.kind());
                    out.line(line);
                }
            } else {
                List<RunColumns.Column> extra = RunColumns.of(spec, context, source, experiments, filter, orderBy, columns);
                List<String> headings = new ArrayList<>(List.of("RUN", "EXPERIMENT", "NAME", "STATUS", "STARTED"));
                extra.forEach(c -> headings.add(c.heading()));
                TextTable table = new TextTable(headings.toArray(String[]::new));
                ZoneId zone = env.clock().getZone();
                for (RunSummary run : found) {
                    List<Object> cells = new ArrayList<>(List.of(run.runId(), run.experimentName(), nullToEmpty(run.runName()),
                            run.status(), Times.readable(run.startTime() == null ? null : Instant.ofEpochMilli(run.startTime()), zone)));
                    extra.forEach(c -> cells.add(c.value(run, zone)));
                    table.row(cells.toArray());
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    static Map<String, Object> jsonOf(RunSummary run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", run.runId());
        out.put("experiment_id", run.experimentId());
        out.put("experiment_name", run.experimentName());
        out.put("run_name", run.runName());
        out.put("status", run.status());
        out.put("start_time", run.startTime());
        out.put("end_time", run.endTime());
        out.put("params", run.params());
        out.put("metrics", run.metrics());
        out.put("tags", run.tags());
        return out;
    }
}
