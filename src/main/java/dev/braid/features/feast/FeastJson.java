package dev.braid.features.feast;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feast's registry objects in protobuf's JSON mapping (lower camel case, durations such as
 * {@code "86400s"}, RFC 3339 times) turned into Braid's records. The registry server answers in
 * exactly this mapping, and a registry file is printed into it before reading, so both are read
 * by this one class and cannot disagree.
 */
final class FeastJson {
    /** Feast gives views without entities this placeholder entity; it is no entity of the user's. */
    static final String DUMMY_ENTITY = "__dummy";

    private FeastJson() {
    }

    static ProjectInfo project(JsonNode node) {
        JsonNode spec = node.path("spec");
        JsonNode meta = node.path("meta");
        return new ProjectInfo(text(spec, "name"), text(spec, "description"), text(spec, "owner"), tags(spec),
                time(meta.path("createdTimestamp")), time(meta.path("lastUpdatedTimestamp")));
    }

    /** An entity, or null for Feast's internal placeholder. */
    static EntityInfo entity(String project, JsonNode node) {
        JsonNode spec = node.path("spec");
        String name = text(spec, "name");
        if (name.equals(DUMMY_ENTITY) || name.isEmpty()) {
            return null;
        }
        return new EntityInfo(projectOf(spec, project), name, text(spec, "joinKey"),
                spec.has("valueType") ? FeastTypes.name(text(spec, "valueType")) : "", text(spec, "description"),
                text(spec, "owner"), tags(spec), time(node.path("meta").path("lastUpdatedTimestamp")));
    }

    static DataSourceInfo dataSource(String project, JsonNode node) {
        return new DataSourceInfo(projectOf(node, project), sourceRef(node), text(node, "description"), text(node, "owner"),
                tags(node), time(node.path("meta").path("lastUpdatedTimestamp")));
    }

    /** Where a data source's rows live, in the form its store names them. */
    static SourceRef sourceRef(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isEmpty()) {
            return null;
        }
        return new SourceRef(text(node, "name"), text(node, "type"), location(node), text(node, "timestampField"));
    }

    private static String location(JsonNode node) {
        if (node.has("fileOptions")) {
            return text(node.get("fileOptions"), "uri");
        }
        if (node.has("bigqueryOptions")) {
            return tableOrQuery(node.get("bigqueryOptions"), "", "");
        }
        if (node.has("snowflakeOptions")) {
            JsonNode o = node.get("snowflakeOptions");
            return tableOrQuery(o, text(o, "database"), text(o, "schema"));
        }
        if (node.has("redshiftOptions")) {
            JsonNode o = node.get("redshiftOptions");
            return tableOrQuery(o, text(o, "database"), text(o, "schema"));
        }
        if (node.has("athenaOptions")) {
            JsonNode o = node.get("athenaOptions");
            return tableOrQuery(o, text(o, "database"), "");
        }
        if (node.has("trinoOptions")) {
            return tableOrQuery(node.get("trinoOptions"), "", "");
        }
        if (node.has("sparkOptions")) {
            JsonNode o = node.get("sparkOptions");
            return !text(o, "path").isEmpty() ? text(o, "path") : tableOrQuery(o, "", "");
        }
        if (node.has("kafkaOptions")) {
            JsonNode o = node.get("kafkaOptions");
            return "kafka://" + text(o, "kafkaBootstrapServers") + "/" + text(o, "topic");
        }
        if (node.has("kinesisOptions")) {
            JsonNode o = node.get("kinesisOptions");
            return "kinesis://" + text(o, "region") + "/" + text(o, "streamName");
        }
        if (node.has("batchSource")) {
            // A push source: its rows are whatever its batch source holds.
            return location(node.get("batchSource"));
        }
        return "";
    }

    private static String tableOrQuery(JsonNode options, String database, String schema) {
        String table = text(options, "table");
        if (table.isEmpty()) {
            String query = text(options, "query");
            return query.isEmpty() ? "" : "query:" + sha256(query).substring(0, 12);
        }
        StringBuilder out = new StringBuilder();
        if (!database.isEmpty()) {
            out.append(database).append('.');
        }
        if (!schema.isEmpty()) {
            out.append(schema).append('.');
        }
        return out.append(table).toString();
    }

    /** A feature view of any kind, with its spec and meta (Feast's {@code FeatureView} message). */
    static ViewDefinition view(String project, ViewKind kind, JsonNode node) {
        JsonNode spec = node.path("spec");
        JsonNode meta = node.path("meta");
        List<String> entities = new ArrayList<>();
        for (JsonNode e : spec.path("entities")) {
            if (!e.asText().equals(DUMMY_ENTITY)) {
                entities.add(e.asText());
            }
        }
        List<String> sourceViews = new ArrayList<>();
        SourceRef batch = sourceRef(spec.path("batchSource"));
        SourceRef stream = sourceRef(spec.path("streamSource"));
        if (kind == ViewKind.ON_DEMAND) {
            spec.path("sources").fields().forEachRemaining(e -> sourceViews.add(onDemandSourceName(e.getKey(), e.getValue())));
        }
        for (JsonNode v : spec.path("sourceViews")) {
            sourceViews.add(text(v, "name"));
        }
        return new ViewDefinition(projectOf(spec, project), text(spec, "name"), kind, entities, fields(spec.path("features")),
                fields(spec.path("entityColumns")), batch, stream, sourceViews,
                spec.has("ttl") ? durationSeconds(text(spec, "ttl")) : null, transformation(spec), tags(spec),
                text(spec, "owner"), text(spec, "description"), kind == ViewKind.ON_DEMAND
                        ? spec.path("writeToOnlineStore").asBoolean(false) : spec.path("online").asBoolean(false),
                text(spec, "version"), meta.path("currentVersionNumber").asInt(0),
                time(meta.path("createdTimestamp")), time(meta.path("lastUpdatedTimestamp")));
    }

    private static String onDemandSourceName(String key, JsonNode source) {
        if (source.has("featureViewProjection")) {
            // The columns count: Feast numbers a new version of an on-demand view when its inputs change.
            JsonNode projection = source.get("featureViewProjection");
            List<String> columns = new ArrayList<>();
            projection.path("featureColumns").forEach(c -> columns.add(text(c, "name")));
            String name = text(projection, "featureViewName");
            return columns.isEmpty() ? name : name + "(" + String.join(", ", columns) + ")";
        }
        if (source.has("featureView")) {
            return text(source.get("featureView").path("spec"), "name");
        }
        if (source.has("requestDataSource")) {
            return "request:" + text(source.get("requestDataSource"), "name");
        }
        return key;
    }

    private static Transformation transformation(JsonNode spec) {
        JsonNode udf = spec.path("featureTransformation").path("userDefinedFunction");
        if (udf.isMissingNode()) {
            udf = spec.path("userDefinedFunction");
        }
        JsonNode substrait = spec.path("featureTransformation").path("substraitTransformation");
        String mode = text(spec, "mode");
        if (!udf.isMissingNode()) {
            String body = !text(udf, "bodyText").isEmpty() ? text(udf, "bodyText") : text(udf, "body");
            return new Transformation(mode.isEmpty() ? text(udf, "mode") : mode, text(udf, "name"),
                    body.isEmpty() ? "" : sha256(body));
        }
        if (!substrait.isMissingNode()) {
            return new Transformation(mode.isEmpty() ? "substrait" : mode, "",
                    sha256(text(substrait, "substraitPlan")));
        }
        return new Transformation(mode, "", "");
    }

    static List<ViewField> fields(JsonNode array) {
        List<ViewField> out = new ArrayList<>();
        for (JsonNode f : array) {
            if (text(f, "name").equals(DUMMY_ENTITY + "_id")) {
                continue; // the join key of Feast's placeholder entity
            }
            out.add(new ViewField(text(f, "name"), FeastTypes.name(f.has("valueType") ? text(f, "valueType") : "INVALID"),
                    text(f, "description")));
        }
        return out;
    }

    static ServiceInfo service(String project, JsonNode node) {
        JsonNode spec = node.path("spec");
        JsonNode meta = node.path("meta");
        List<ServedView> views = new ArrayList<>();
        for (JsonNode p : spec.path("features")) {
            List<String> features = new ArrayList<>();
            for (JsonNode f : p.path("featureColumns")) {
                features.add(text(f, "name"));
            }
            views.add(new ServedView(text(p, "featureViewName"), text(p, "featureViewNameAlias"),
                    p.has("versionTag") ? p.get("versionTag").asInt() : null, features));
        }
        return new ServiceInfo(projectOf(spec, project), text(spec, "name"), views, text(spec, "description"),
                text(spec, "owner"), tags(spec), time(meta.path("createdTimestamp")), time(meta.path("lastUpdatedTimestamp")));
    }

    static SavedDatasetInfo savedDataset(String project, JsonNode node) {
        JsonNode spec = node.path("spec");
        List<String> features = new ArrayList<>();
        for (JsonNode f : spec.path("features")) {
            features.add(f.asText());
        }
        JsonNode storage = spec.path("storage");
        String where = "";
        if (storage.isObject() && storage.size() > 0) {
            // The storage is a data source's options object (fileStorage, bigqueryStorage…).
            JsonNode options = storage.elements().next();
            where = !text(options, "uri").isEmpty() ? text(options, "uri")
                    : !text(options, "path").isEmpty() ? text(options, "path") : tableOrQuery(options, text(options, "database"),
                    text(options, "schema"));
        }
        return new SavedDatasetInfo(projectOf(spec, project), text(spec, "name"), features, text(spec, "featureServiceName"),
                where, tags(spec), time(node.path("meta").path("createdTimestamp")));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String projectOf(JsonNode spec, String fallback) {
        String own = text(spec, "project");
        return own.isEmpty() ? (fallback == null ? "" : fallback) : own;
    }

    static Map<String, String> tags(JsonNode spec) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.path("tags").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** An RFC 3339 time, or null when absent or unreadable. */
    static Instant time(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Protobuf's JSON duration ({@code "86400s"}, {@code "1.5s"}) in whole seconds. */
    static Long durationSeconds(String text) {
        String t = text.strip();
        if (!t.endsWith("s")) {
            return null;
        }
        try {
            return (long) Math.floor(Double.parseDouble(t.substring(0, t.length() - 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
