package dev.braid.experiments.ui;

import dev.braid.experiments.DatasetInput;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/** How runs' times, durations, hashes and numbers look in the experiments screens. */
final class RunFormats {
    private RunFormats() {
    }

    static String time(Long epochMillis, ZoneId zone) {
        return epochMillis == null ? "" : Formats.dateTimeSeconds(Instant.ofEpochMilli(epochMillis), zone);
    }

    /** "850 ms", "12.3 s", "4m 05s", "2h 03m"; empty without both ends. */
    static String duration(RunSummary run) {
        if (run.startTime() == null || run.endTime() == null) {
            return "";
        }
        return duration(run.endTime() - run.startTime());
    }

    static String duration(long millis) {
        if (millis < 0) {
            return "";
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    static String shortHash(String hash) {
        return hash == null ? "" : hash.length() > 8 ? hash.substring(0, 8) : hash;
    }

    /** Shortest faithful text for a metric value: integers without ".0", others as Java prints them. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Six significant digits: a mean of 0.25 and 0.3 reads 0.275, not 0.27499999999999997. */
    static String rounded(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** "train@1a2b3c4d (training), holdout@9f8e7d6c (eval)"; null when the run logged no dataset. */
    static String datasets(List<DatasetInput> datasets) {
        if (datasets.isEmpty()) {
            return null;
        }
        return datasets.stream().map(d -> dataset(d) + (d.context() == null || d.context().isEmpty() ? "" : " (" + d.context() + ")"))
                .collect(Collectors.joining(", "));
    }

    /** A dataset's identity as shown: name and the first eight characters of its digest. */
    static String dataset(DatasetInput dataset) {
        return dataset.name() + "@" + shortHash(dataset.digest());
    }

    static String runLabel(RunSummary run) {
        return run.runName() == null || run.runName().isBlank() ? shortHash(run.runId()) : run.runName();
    }
}
