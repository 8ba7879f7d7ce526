package dev.braid.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads MLflow's REST answers (protobuf messages as JSON) into Braid's records. */
final class MlflowJson {
    private MlflowJson() {
    }

    static Experiment experiment(long sourceId, JsonNode node) {
        return new Experiment(sourceId, text(node, "experiment_id"), text(node, "name"),
                text(node, "artifact_location"), orDefault(text(node, "lifecycle_stage"), "active"),
                number(node, "creation_time"), number(node, "last_update_time"), keyValues(node.path("tags")));
    }

    static RemoteRun run(JsonNode node) {
        JsonNode info = node.path("info");
        JsonNode data = node.path("data");
        String runId = orDefault(text(info, "run_id"), text(info, "run_uuid"));
        List<LatestMetric> metrics = new ArrayList<>();
        for (JsonNode m : data.path("metrics")) {
            metrics.add(new LatestMetric(shared(text(m, "key")), value(m.get("value")), m.path("timestamp").asLong(),
                    m.path("step").asLong()));
        }
        List<DatasetInput> datasets = new ArrayList<>();
        for (JsonNode input : node.path("inputs").path("dataset_inputs")) {
            JsonNode d = input.path("dataset");
            datasets.add(new DatasetInput(text(d, "name"), orDefault(text(d, "digest"), ""), text(d, "source_type"),
                    text(d, "source"), keyValues(input.path("tags")).getOrDefault("mlflow.data.context", ""),
                    text(d, "schema"), text(d, "profile")));
        }
        Map<String, String> tags = keyValues(data.path("tags"));
        return new RemoteRun(runId, shared(text(info, "experiment_id")), orDefault(text(info, "run_name"),
                tags.get("mlflow.runName")), shared(text(info, "user_id")), shared(orDefault(text(info, "status"), "UNKNOWN")),
                number(info, "start_time"), number(info, "end_time"), shared(orDefault(text(info, "lifecycle_stage"), "active")),
                text(info, "artifact_uri"), keyValues(data.path("params")), metrics, tags, datasets);
    }

    static MetricPoint point(JsonNode node) {
        return new MetricPoint(node.path("step").asLong(), node.path("timestamp").asLong(), value(node.get("value")));
    }

    /** A registered model without its versions (they come from {@code model-versions/search}). */
    static RegisteredModel model(long sourceId, JsonNode node) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (JsonNode a : node.path("aliases")) {
            aliases.put(text(a, "alias"), text(a, "version"));
        }
        return new RegisteredModel(sourceId, text(node, "name"), text(node, "description"),
                number(node, "creation_timestamp"), number(node, "last_updated_timestamp"),
                keyValues(node.path("tags")), aliases, List.of());
    }

    static ModelVersion version(JsonNode node) {
        List<String> aliases = new ArrayList<>();
        node.path("aliases").forEach(a -> aliases.add(a.asText()));
        return new ModelVersion(text(node, "name"), text(node, "version"), text(node, "source"), text(node, "run_id"),
                text(node, "status"), text(node, "current_stage"), text(node, "description"),
                number(node, "creation_timestamp"), number(node, "last_updated_timestamp"),
                keyValues(node.path("tags")), aliases);
    }

    /** A logged model ({@code LoggedModel}: {@code info} and {@code data}) from {@code logged-models/search}. */
    static LoggedModel loggedModel(long sourceId, JsonNode node) {
        JsonNode info = node.path("info");
        List<LoggedModelMetric> metrics = new ArrayList<>();
        for (JsonNode m : node.path("data").path("metrics")) {
            metrics.add(new LoggedModelMetric(text(m, "key"), value(m.get("value")), m.path("timestamp").asLong(),
                    m.path("step").asLong(), text(m, "run_id"), text(m, "dataset_name"), text(m, "dataset_digest")));
        }
        return new LoggedModel(sourceId, text(info, "model_id"), text(info, "experiment_id"), text(info, "name"),
                text(info, "source_run_id"), loggedModelStatus(text(info, "status")), text(info, "status_message"),
                text(info, "model_type"), text(info, "artifact_uri"), number(info, "creation_timestamp_ms"),
                number(info, "last_updated_timestamp_ms"), keyValues(node.path("data").path("params")),
                keyValues(info.path("tags")), metrics);
    }

    /** The proto's enum name ({@code LOGGED_MODEL_READY}) as MLflow's client names the status ({@code READY}). */
    static String loggedModelStatus(String proto) {
        if (proto == null) {
            return "UNSPECIFIED";
        }
        return switch (proto) {
            case "LOGGED_MODEL_PENDING" -> "PENDING";
            case "LOGGED_MODEL_READY" -> "READY";
            case "LOGGED_MODEL_UPLOAD_FAILED" -> "FAILED";
            case "LOGGED_MODEL_STATUS_UNSPECIFIED" -> "UNSPECIFIED";
            default -> proto;
        };
    }

    /** A logged model's status as MLflow stores it in a database or {@code meta.yaml} (0 to 3). */
    static String loggedModelStatus(long stored) {
        return switch ((int) stored) {
            case 1 -> "PENDING";
            case 2 -> "READY";
            case 3 -> "FAILED";
            default -> "UNSPECIFIED";
        };
    }

    /** MLflow's lists of {key, value} objects as a map (later keys win). */
    static Map<String, String> keyValues(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            String value = text(entry, "value");
            out.put(shared(text(entry, "key")), value != null && value.length() <= SHARED_VALUE ? shared(value) : value);
        }
        return out;
    }

    /** Values up to this length are shared like keys: a user, a source file, a model type repeat across runs. */
    private static final int SHARED_VALUE = 64;

    /**
     * One copy of a text every run repeats (a param, metric or tag key, a status): a first sync
     * holds every run until it writes them in one transaction, and 20,000 runs of 46 keys each
     * would otherwise hold nearly a million copies of a few dozen keys. The JVM's string table is
     * thread-safe (the searches run side by side) and lets go of texts nothing holds any more.
     */
    private static String shared(String text) {
        return text == null ? null : text.intern();
    }

    /** A metric value: a JSON number, or a string such as "NaN" or "Infinity" (NaN becomes null). */
    static Double value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        double v = node.isNumber() ? node.asDouble() : parse(node.asText());
        return Double.isNaN(v) ? null : v;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : storable(value.asText());
    }

    /**
     * {@code text} with each lone UTF-16 surrogate (JSON can spell one, <code>"&#92;ud800"</code>; UTF-8 and
     * so the cache cannot hold it, and would turn every one into {@code ?}) written out as its escape,
     * <code>&#92;ud800</code>: two model names that differ only there stay two names, and two nodes.
     */
    static String storable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean pair = Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(ch).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(ch)) {
                out = out != null ? out : new StringBuilder(text.substring(0, i));
                out.append(String.format("\\u%04x", (int) ch));
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? text : out.toString();
    }

    static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asLong();
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isEmpty() ? fallback : text;
    }
}
