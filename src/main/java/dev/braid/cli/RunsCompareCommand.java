package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.RunMatch;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid runs compare RUN... [--source NAME] [--experiment NAME] [--json]}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Shows the params, latest metrics and tags of two or more cached runs side by side;",
                "a * marks keys whose values differ. A run is named by its id, the start of it (the eight",
                "characters Braid prints) or its run name; one that names several runs lists them.",
                "With --json, one object per line and key, params first, then metrics, then tags, keys sorted:",
                "  {\"kind\":\"param\",\"key\":\"lr\",\"values\":{\"RUN_ID\":\"0.1\",...},\"differs\":true}",
                "kind is param, metric or tag; values holds every run id in the order given, null where the",
                "run lacks the key; metric values are numbers (NaN as null)."})
final class RunsCompareCommand implements Callable<Integer> {
    private static final int SHORT_ID = 8;

    @ParentCommand
    private RunsCommand runs;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "RUN", description = "Two or more runs: ids, unique id prefixes or run names.")
    private List<String> runIds = new ArrayList<>();

    @Option(names = "--source", paramLabel = "NAME", description = "Only runs of this MLflow source.")
    private String source;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Only runs of this experiment (for run names).")
    private String experiment;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = runs.root().environment();
        try (AppContext context = runs.root().openReadContext()) {
            AnswerCheck.tables(runs.root(), context, AnswerCheck.RUNS);
            List<RunSummary> found = find(context);
            List<Row> rows = new ArrayList<>();
            addRows(rows, "param", found, RunSummary::params);
            addRows(rows, "metric", found, RunSummary::metrics);
            addRows(rows, "tag", found, RunSummary::tags);
            if (json) {
                JsonOutput out = new JsonOutput(env.data());
                for (Row row : rows) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("kind", row.kind());
                    line.put("key", row.key());
                    line.put("values", row.values());
                    line.put("differs", row.differs());
                    out.line(line);
                }
            } else {
                print(env, found, rows);
            }
            return ExitCodes.OK;
        }
    }

    private List<RunSummary> find(AppContext context) {
        RunsArgs.checkScope(spec, context, source, experiment == null ? List.of() : List.of(experiment));
        List<RunSummary> out = new ArrayList<>();
        for (String ref : runIds) {
            List<RunMatch> matches = context.experiments().matchRuns(ref, source, experiment);
            if (matches.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no cached run has the id, id prefix or name " + ref
                        + (source == null && experiment == null ? "" : " in " + (experiment != null ? "experiment " + experiment
                        : "source " + source)) + " (sync its source first, or see: braid runs list)");
            }
            if (matches.size() > 1) {
                throw new ParameterException(spec.commandLine(), ref + " names " + (matches.size() >= 20 ? "20 or more" : matches.size())
                        + " runs; give more of the id" + (experiment == null ? ", or --experiment NAME" : "")
                        + (source == null ? ", or --source NAME" : "") + ":" + System.lineSeparator() + "  "
                        + matches.stream().map(RunMatch::describe).collect(java.util.stream.Collectors.joining(System.lineSeparator() + "  ")));
            }
            RunMatch match = matches.get(0);
            try {
                out.addAll(context.experiments().runs(new RunQuery(match.sourceName(), List.of(),
                        "attributes.run_id = '" + match.runId().replace("'", "") + "'", null, 0)));
            } catch (ExperimentException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
        }
        return out;
    }

    private static void addRows(List<Row> rows, String kind, List<RunSummary> found,
                                Function<RunSummary, Map<String, ?>> values) {
        TreeSet<String> keys = new TreeSet<>();
        found.forEach(run -> keys.addAll(values.apply(run).keySet()));
        for (String key : keys) {
            Map<String, Object> byRun = new LinkedHashMap<>();
            found.forEach(run -> byRun.put(run.runId(), values.apply(run).get(key)));
            boolean differs = byRun.values().stream().distinct().count() > 1;
            rows.add(new Row(kind, key, byRun, differs));
        }
    }

    private static void print(CliEnvironment env, List<RunSummary> found, List<Row> rows) {
        List<String> headings = new ArrayList<>(List.of("", "KIND", "KEY"));
        found.forEach(run -> headings.add(run.runId().length() > SHORT_ID ? run.runId().substring(0, SHORT_ID) : run.runId()));
        TextTable table = new TextTable(headings.toArray(String[]::new));
        table.row(row("", "run", "name", found.stream().map(RunSummary::runName).toList()));
        for (Row r : rows) {
            table.row(row(r.differs() ? "*" : "", r.kind(), r.key(),
                    r.values().values().stream().map(v -> Objects.toString(v, "-")).toList()));
        }
        table.print(env.out());
    }

    private static Object[] row(String mark, String kind, String key, List<String> values) {
        List<Object> cells = new ArrayList<>(List.of(mark, kind, key));
        cells.addAll(values);
        return cells.toArray();
    }

    /** One key of one kind across the compared runs (run id to value, in the order given). */
    private record Row(String kind, String key, Map<String, Object> values, boolean differs) {
    }
}
