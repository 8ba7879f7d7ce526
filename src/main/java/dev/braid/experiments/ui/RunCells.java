package dev.braid.experiments.ui;

import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.experiments.RunSummary;
import dev.braid.sync.Source;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text of each runs-table cell, shared by the table and the CSV export so both agree. */
final class RunCells {
    private final ZoneId zone;
    private final Map<String, String> versionsByRun;
    private final Map<Long, String> sources;

    private RunCells(ZoneId zone, Map<String, String> versionsByRun, Map<Long, String> sources) {
        this.zone = zone;
        this.versionsByRun = versionsByRun;
        this.sources = sources;
    }

    static RunCells empty(ZoneId zone) {
        return new RunCells(zone, Map.of(), Map.of());
    }

    /** As {@link #of(ZoneId, List)}, with each source's kind and name for the Source column ("W&B · team-wb"). */
    static RunCells of(ZoneId zone, List<RegisteredModel> models, List<Source> runSources) {
        Map<Long, String> labels = new HashMap<>();
        for (Source s : runSources) {
            labels.put(s.id(), kindLabel(s.kind()) + " · " + s.name());
        }
        return new RunCells(zone, of(zone, models).versionsByRun, Map.copyOf(labels));
    }

    private static String kindLabel(String kind) {
        return switch (kind) {
            case "wandb" -> "W&B";
            case "mlflow" -> "MLflow";
            default -> kind;
        };
    }

    /** Indexes the registered model versions by the run they were made from ("model v3, other v1"). */
    static RunCells of(ZoneId zone, List<RegisteredModel> models) {
        Map<String, String> byRun = new HashMap<>();
        for (RegisteredModel model : models) {
            for (ModelVersion v : model.versions()) {
                if (v.runId() != null) {
                    byRun.merge(model.sourceId() + "/" + v.runId(), v.name() + " v" + v.version(), (a, b) -> a + ", " + b);
                }
            }
        }
        return new RunCells(zone, Map.copyOf(byRun), Map.of());
    }

    String modelVersions(RunSummary run) {
        return versionsByRun.getOrDefault(run.sourceId() + "/" + run.runId(), "");
    }

    String text(RunSummary run, RunColumn column) {
        String text = switch (column.kind()) {
            case STAR -> run.starred() ? "★" : "☆";
            case STATUS -> run.status();
            case RUN_NAME -> RunFormats.runLabel(run);
            case EXPERIMENT -> run.experimentName();
            case SOURCE -> sources.getOrDefault(run.sourceId(), "");
            case CREATED -> RunFormats.time(run.startTime(), zone);
            case DURATION -> RunFormats.duration(run);
            case USER -> run.userId();
            case COMMIT -> RunFormats.shortHash(run.sourceCommit());
            case MODELS -> modelVersions(run);
            case PARAM, METRIC, TAG, DATASETS -> column.keyedValue(run);
        };
        return text == null ? "" : text;
    }

    /** Like {@link #text} but exact where the screen abbreviates: full commit hash, epoch-free ISO times. */
    String exportText(RunSummary run, RunColumn column) {
        return switch (column.kind()) {
            case COMMIT -> run.sourceCommit() == null ? "" : run.sourceCommit();
            case RUN_NAME -> run.runName() == null ? "" : run.runName();
            default -> text(run, column);
        };
    }
}
