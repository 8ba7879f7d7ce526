package dev.braid.experiments;

import dev.braid.experiments.wandb.WandbRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A W&B run in the shape of the runs table (ADR 23): the project is the experiment, config keys are
 * params, numeric summary values are the latest metrics (W&B's summary is what its runs table
 * shows), and what MLflow keeps in tags W&B's run carries too, under MLflow's names where one
 * exists (the note, the git commit and remote) so that the run detail and the lineage read them
 * unchanged. W&B's own fields are {@code wandb.*} tags.
 */
final class WandbRuns {
    static final String TAGS = "wandb.tags";
    static final String NO_PROJECT = "uncategorized";

    private WandbRuns() {
    }

    static String experimentId(WandbRun run) {
        return run.project() == null || run.project().isBlank() ? NO_PROJECT : run.project();
    }

    /**
     * The run with the state word a W&B server gave it ({@code finished}, {@code running},
     * {@code crashed}, {@code failed}, {@code killed}), kept as the {@code wandb.state} tag; a
     * killed run is MLflow's KILLED. A run read from a folder has no server state (null).
     */
    static RemoteRun toRemote(WandbRun run, String serverState) {
        Map<String, String> tags = new LinkedHashMap<>();
        put(tags, RunEditService.NOTE_TAG, run.notes());
        put(tags, RemoteRun.COMMIT_TAG, run.gitCommit());
        put(tags, "mlflow.source.git.repoURL", run.gitRemote());
        if (!run.tags().isEmpty()) {
            tags.put(TAGS, String.join(", ", run.tags()));
        }
        put(tags, "wandb.entity", run.entity());
        put(tags, "wandb.group", run.group());
        put(tags, "wandb.job_type", run.jobType());
        put(tags, "wandb.host", run.host());
        put(tags, "wandb.exit_code", run.exitCode() == null ? null : String.valueOf(run.exitCode()));
        put(tags, "wandb.folder", run.folder());
        if (run.truncated()) {
            tags.put("wandb.log_truncated", "true");
        }
        put(tags, "wandb.state", serverState);
        String status = "killed".equals(serverState) ? "KILLED" : run.status();
        return new RemoteRun(run.runId(), experimentId(run), run.name(), run.entity(), status, run.startTime(),
                run.endTime(), "active", null, run.config(), latest(run), tags, List.of());
    }

    /** Numeric user summary values, stamped with the summary's step and time. */
    private static List<LatestMetric> latest(WandbRun run) {
        long step = longOf(run.summary().get("_step"));
        long timestamp = Math.round(doubleOf(run.summary().get("_timestamp")) * 1000);
        List<LatestMetric> out = new ArrayList<>();
        for (Map.Entry<String, String> e : run.summary().entrySet()) {
            if (e.getKey().startsWith("_")) {
                continue;
            }
            Double value = number(e.getValue());
            if (value != null) {
                out.add(new LatestMetric(e.getKey(), value, timestamp, step));
            }
        }
        return out;
    }

    private static Double number(String json) {
        if (json == null) {
            return null;
        }
        return switch (json) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(json);
                } catch (NumberFormatException e) {
                    yield null; // strings, tables, histograms: not a metric
                }
            }
        };
    }

    private static long longOf(String json) {
        Double d = number(json);
        return d == null || d.isNaN() ? 0 : d.longValue();
    }

    private static double doubleOf(String json) {
        Double d = number(json);
        return d == null || d.isNaN() ? 0 : d;
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.put(key, value);
        }
    }
}
