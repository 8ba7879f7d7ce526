package dev.braid.experiments;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cached logged models in the shape the seeding script's {@code dump} prints them, for comparing the two. */
final class LoggedModelView {
    private LoggedModelView() {
    }

    static List<Map<String, Object>> of(List<LoggedModel> models) {
        return models.stream().sorted(Comparator.comparing(LoggedModel::modelId)).map(LoggedModelView::model).toList();
    }

    private static Map<String, Object> model(LoggedModel m) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("model_id", m.modelId());
        model.put("experiment_id", m.experimentId());
        model.put("name", m.name());
        model.put("source_run_id", m.sourceRunId());
        model.put("status", m.status());
        model.put("model_type", m.modelType());
        model.put("artifact_location", m.artifactLocation());
        model.put("creation_timestamp", m.creationTimestamp());
        model.put("params", m.params());
        model.put("tags", m.tags());
        model.put("metrics", m.metrics().stream()
                .sorted(Comparator.comparing(LoggedModelMetric::key).thenComparingLong(LoggedModelMetric::step)
                        .thenComparingLong(LoggedModelMetric::timestamp)
                        .thenComparing(x -> x.datasetName() == null ? "" : x.datasetName()))
                .map(x -> {
                    Map<String, Object> metric = new LinkedHashMap<>();
                    metric.put("key", x.key());
                    metric.put("value", x.value());
                    metric.put("step", x.step());
                    metric.put("timestamp", x.timestamp());
                    metric.put("run_id", x.runId());
                    metric.put("dataset_name", x.datasetName());
                    metric.put("dataset_digest", x.datasetDigest());
                    return metric;
                }).toList());
        return model;
    }
}
