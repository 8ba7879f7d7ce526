package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.DatasetInput;
import dev.braid.experiments.RunKeys;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.experiments.filter.FilterSyntaxException;
import dev.braid.experiments.filter.NamedKey;
import dev.braid.experiments.filter.RunFilter;
import dev.braid.experiments.filter.RunOrder;
import dev.braid.sync.Suggestions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The extra columns of {@code runs list}'s table: the keys its {@code --order-by} and
 * {@code --filter} name (the person asked about them), then those of {@code --columns}, each once,
 * leaving out what the table always shows (id, name, status, start).
 */
final class RunColumns {
    private static final Set<String> ALWAYS = Set.of("attributes.run_id", "attributes.run_name", "attributes.status",
            "attributes.start_time");

    /** One extra column: its heading (the key's full name) and how to read it from a run. */
    record Column(NamedKey key) {
        String heading() {
            return key.toString();
        }

        String value(RunSummary run, ZoneId zone) {
            String text = switch (key.kind()) {
                case "metrics" -> number(run.metrics().get(key.key()));
                case "params" -> run.params().get(key.key());
                case "tags" -> run.tags().get(key.key());
                case "attributes" -> switch (key.key()) {
                    case "user_id" -> run.userId();
                    case "end_time" -> run.endTime() == null ? null : Times.readable(Instant.ofEpochMilli(run.endTime()), zone);
                    default -> null;
                };
                case "datasets" -> run.datasets().isEmpty() ? null : run.datasets().stream().map(d -> field(d, key.key()))
                        .collect(Collectors.joining(","));
                default -> null;
            };
            return text == null ? "-" : text;
        }

        private static String field(DatasetInput d, String name) {
            return switch (name) {
                case "digest" -> d.digest();
                case "context" -> d.context() == null ? "" : d.context();
                default -> d.name();
            };
        }
    }

    private RunColumns() {
    }

    static List<Column> of(CommandSpec spec, AppContext context, String source, List<String> experiments, String filter,
                           String orderBy, List<String> extra) {
        Set<NamedKey> keys = new LinkedHashSet<>();
        try {
            if (orderBy != null && !orderBy.isBlank()) {
                keys.addAll(RunOrder.parse(List.of(orderBy)).namedKeys());
            }
            keys.addAll(RunFilter.parse(filter).namedKeys());
        } catch (FilterSyntaxException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!extra.isEmpty()) {
            RunKeys known = context.experiments().runKeys(new RunQuery(source, experiments, null, null, 0));
            for (String typed : extra) {
                if (!typed.isBlank()) {
                    keys.add(resolve(spec, typed.strip(), known));
                }
            }
        }
        List<Column> out = new ArrayList<>();
        for (NamedKey key : keys) {
            if (!ALWAYS.contains(key.toString())) {
                out.add(new Column(key));
            }
        }
        return out;
    }

    /** {@code metrics.rmse} as given; a bare {@code rmse} as the metric, else the param, else the tag of that name. */
    private static NamedKey resolve(CommandSpec spec, String typed, RunKeys known) {
        int dot = typed.indexOf('.');
        if (dot > 0) {
            String kind = switch (typed.substring(0, dot).toLowerCase(Locale.ROOT)) {
                case "metric", "metrics" -> "metrics";
                case "param", "params", "parameter", "parameters" -> "params";
                case "tag", "tags" -> "tags";
                case "attribute", "attributes", "attr" -> "attributes";
                default -> null;
            };
            if (kind != null) {
                return new NamedKey(kind, typed.substring(dot + 1));
            }
        }
        if (known.metrics().contains(typed)) {
            return new NamedKey("metrics", typed);
        }
        if (known.params().contains(typed)) {
            return new NamedKey("params", typed);
        }
        if (known.tags().contains(typed)) {
            return new NamedKey("tags", typed);
        }
        List<String> all = new ArrayList<>();
        known.metrics().forEach(k -> all.add("metrics." + k));
        known.params().forEach(k -> all.add("params." + k));
        known.tags().forEach(k -> all.add("tags." + k));
        List<String> close = Suggestions.closest(typed, all, 3);
        throw new ParameterException(spec.commandLine(), "--columns: no cached run has a metric, param or tag called " + typed
                + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"));
    }

    private static String number(Double value) {
        if (value == null) {
            return null;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return Double.toString(value);
    }
}
