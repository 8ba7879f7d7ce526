package dev.braid.experiments.ui;

import dev.braid.experiments.GroupStats;
import dev.braid.experiments.RunGroupStats;
import dev.braid.experiments.RunSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups runs held in memory by one key's value and summarises metrics per group; and joins the
 * loaded runs to statistics the cache worked out over every run of a query.
 */
final class RunGroups {
    private RunGroups() {
    }

    /**
     * One group per distinct value of {@code key} in {@code runs}, ordered by value (numbers
     * numerically) with the runs lacking the key last; each group keeps its runs in the given order
     * and has min, max and mean of every metric in {@code metrics} that it logged (NaN ignored).
     */
    static List<RunGroup> group(List<RunSummary> runs, Function<RunSummary, String> key, List<String> metrics) {
        return groupEach(runs, run -> {
            String value = key.apply(run);
            return value == null ? List.of() : List.of(value);
        }, metrics);
    }

    /**
     * Like {@link #group} for keys a run can have several values of (the datasets it used): a run
     * is in the group of each of its values, and in the last group when it has none.
     */
    static List<RunGroup> groupEach(List<RunSummary> runs, Function<RunSummary, Collection<String>> values,
                                    List<String> metrics) {
        Map<String, List<RunSummary>> byValue = new TreeMap<>(RunGroups::compareValues);
        List<RunSummary> without = new ArrayList<>();
        for (RunSummary run : runs) {
            boolean grouped = false;
            for (String value : new LinkedHashSet<>(values.apply(run))) {
                if (value != null && !value.isEmpty()) {
                    byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(run);
                    grouped = true;
                }
            }
            if (!grouped) {
                without.add(run);
            }
        }
        List<RunGroup> groups = new ArrayList<>(byValue.size() + 1);
        byValue.forEach((value, members) -> groups.add(new RunGroup(value, members.size(), members, stats(members, metrics))));
        if (!without.isEmpty()) {
            groups.add(new RunGroup(null, without.size(), without, stats(without, metrics)));
        }
        return groups;
    }

    /**
     * The groups of {@code all} (statistics over every run of a query), in the order of
     * {@link #groupEach}, each with its runs among {@code loaded}.
     */
    static List<RunGroup> join(List<RunGroupStats> all, List<RunSummary> loaded, Function<RunSummary, Collection<String>> values) {
        Map<String, List<RunSummary>> members = new LinkedHashMap<>();
        for (RunGroup group : groupEach(loaded, values, List.of())) {
            members.put(group.value(), group.runs());
        }
        List<RunGroupStats> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> a.value() == null ? (b.value() == null ? 0 : 1)
                : b.value() == null ? -1 : compareValues(a.value(), b.value()));
        List<RunGroup> groups = new ArrayList<>(sorted.size());
        for (RunGroupStats group : sorted) {
            groups.add(new RunGroup(group.value(), group.runs(), members.getOrDefault(group.value(), List.of()), group.metrics()));
        }
        return groups;
    }

    /** The statistics of {@link #groupEach} for runs held in memory, as the cache's query gives them. */
    static List<RunGroupStats> statsOf(List<RunSummary> runs, Function<RunSummary, Collection<String>> values,
                                       List<String> metrics) {
        return groupEach(runs, values, metrics).stream()
                .map(g -> new RunGroupStats(g.value(), g.count(), g.metrics())).toList();
    }

    private static Map<String, GroupStats> stats(List<RunSummary> runs, List<String> metrics) {
        Map<String, GroupStats> out = new LinkedHashMap<>();
        for (String metric : metrics) {
            int count = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (RunSummary run : runs) {
                Double value = run.metrics().get(metric);
                if (value == null || value.isNaN()) {
                    continue;
                }
                count++;
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
            }
            if (count > 0) {
                out.put(metric, new GroupStats(count, min, max, sum / count));
            }
        }
        return out;
    }

    /** Numbers compare as numbers ("2" before "10"), and before any text; text compares as text. */
    static int compareValues(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            int byNumber = Double.compare(x, y);
            return byNumber != 0 ? byNumber : a.compareTo(b);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static Double number(String text) {
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
