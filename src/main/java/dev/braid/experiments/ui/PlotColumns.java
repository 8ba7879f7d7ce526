package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the comparison plots can place runs by: every metric and param of the compared runs, their
 * own tags (MLflow's {@code mlflow.*} bookkeeping left out), and the attributes that make sense on
 * an axis or as a colour (status, user, experiment, commit, duration).
 */
final class PlotColumns {
    private static final List<RunColumn> ATTRIBUTES = List.of(RunColumn.of(RunColumn.Kind.STATUS),
            RunColumn.of(RunColumn.Kind.USER), RunColumn.of(RunColumn.Kind.EXPERIMENT),
            RunColumn.of(RunColumn.Kind.COMMIT), RunColumn.of(RunColumn.Kind.DURATION));
    // Java's own parser also takes "3f", "0x1p3" and "Infinity", which no one means as a number in a param.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PlotColumns() {
    }

    /** Metrics, then params, then tags (each sorted by key), then attributes. */
    static List<RunColumn> of(List<RunSummary> runs) {
        TreeSet<String> metrics = new TreeSet<>();
        TreeSet<String> params = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>();
        for (RunSummary run : runs) {
            metrics.addAll(run.metrics().keySet());
            params.addAll(run.params().keySet());
            run.tags().keySet().stream().filter(k -> !k.startsWith("mlflow.")).forEach(tags::add);
        }
        List<RunColumn> out = new ArrayList<>();
        metrics.forEach(k -> out.add(RunColumn.metric(k)));
        params.forEach(k -> out.add(RunColumn.param(k)));
        tags.forEach(k -> out.add(RunColumn.tag(k)));
        out.addAll(ATTRIBUTES);
        return List.copyOf(out);
    }

    /** The columns among {@code columns} on which the runs do not all agree, in the same order. */
    static List<RunColumn> differing(List<RunColumn> columns, List<RunSummary> runs) {
        return columns.stream().filter(c -> runs.stream().map(r -> text(r, c)).distinct().count() > 1).toList();
    }

    /** "metrics.rmse", "params.lr", "tags.team", "status", "duration (min)". */
    static String label(RunColumn column) {
        return switch (column.kind()) {
            case DURATION -> "duration (min)";
            default -> column.id();
        };
    }

    /** The run's value of {@code column} as text, or null when it has none. */
    static String text(RunSummary run, RunColumn column) {
        String text = switch (column.kind()) {
            case STATUS -> run.status();
            case USER -> run.userId();
            case EXPERIMENT -> run.experimentName();
            case COMMIT -> run.sourceCommit() == null ? null : RunFormats.shortHash(run.sourceCommit());
            case RUN_NAME -> RunFormats.runLabel(run);
            case DURATION -> {
                double minutes = minutes(run);
                yield Double.isNaN(minutes) ? null : RunFormats.rounded(minutes);
            }
            case METRIC -> {
                Double value = run.metrics().get(column.key());
                yield value == null || value.isNaN() ? null : RunFormats.rounded(value);
            }
            case PARAM, TAG -> column.keyedValue(run);
            case CREATED, MODELS, STAR, DATASETS, SOURCE -> null;
        };
        return text == null || text.isBlank() ? null : text;
    }

    /** The run's value of {@code column} as a number, NaN when it has none or it does not read as one. */
    static double number(RunSummary run, RunColumn column) {
        return switch (column.kind()) {
            case METRIC -> Objects.requireNonNullElse(run.metrics().get(column.key()), Double.NaN);
            case DURATION -> minutes(run);
            case PARAM, TAG -> parse(column.keyedValue(run));
            default -> Double.NaN;
        };
    }

    /** "0.1", " 3 ", "1e-4" read as numbers; "None", "nan", "inf", "3f" and words do not. */
    static double parse(String text) {
        if (text == null || !DECIMAL.matcher(text.strip()).matches()) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double minutes(RunSummary run) {
        return run.startTime() == null || run.endTime() == null ? Double.NaN : (run.endTime() - run.startTime()) / 60_000.0;
    }
}
