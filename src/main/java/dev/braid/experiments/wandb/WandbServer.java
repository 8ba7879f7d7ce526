package dev.braid.experiments.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.sync.PagingGuard;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads one W&B project through the public GraphQL API (ADR 23, "W&B servers"): its runs as a
 * light listing (name, state, last heartbeat) to tell what changed, and for a changed run its
 * config, summary, tags, state, commit, full metric history (paged by step, as W&B's
 * {@code scan_history} reads it) and the artifact versions it logged and used, each with its
 * manifest (for reference entries). The queries use only fields W&B's own clients ask for (its
 * {@code RunFragment}, {@code ArtifactFragment}, {@code HistoryPage} and manifest queries).
 */
public final class WandbServer {
    /** Runs per page of the listing; W&B's clients ask for 50. */
    static final int RUNS_PER_PAGE = 50;
    /** Steps per page of a history; W&B's {@code scan_history} asks for 1,000. */
    static final int HISTORY_PAGE = 1000;
    /** Largest manifest read. */
    static final long MANIFEST_CAP = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RUNS = """
            query BraidRuns($entity: String!, $project: String!, $cursor: String, $perPage: Int) {
              project(name: $project, entityName: $entity) {
                runs(first: $perPage, after: $cursor, order: "+created_at") {
                  edges { node { name state heartbeatAt } }
                  pageInfo { endCursor hasNextPage }
                }
              }
            }""";
    static final String RUN = """
            query BraidRun($entity: String!, $project: String!, $name: String!) {
              project(name: $project, entityName: $entity) {
                run(name: $name) {
                  name displayName state config summaryMetrics tags group jobType commit notes
                  createdAt heartbeatAt user { username }
                }
              }
            }""";
    static final String ARTIFACTS = """
            query BraidRunArtifacts($entity: String!, $project: String!, $name: String!, $cursor: String, $perPage: Int) {
              project(name: $project, entityName: $entity) {
                run(name: $name) {
                  artifacts: %s(after: $cursor, first: $perPage) {
                    edges { node { id digest versionIndex state artifactType { name } artifactSequence { name }
                                   aliases { alias } } }
                    pageInfo { endCursor hasNextPage }
                  }
                }
              }
            }""";
    static final String MANIFEST = """
            query BraidArtifactManifest($id: ID!) {
              artifact(id: $id) { currentManifest { file { directUrl } } }
            }""";
    static final String HISTORY = """
            query BraidHistoryPage($entity: String!, $project: String!, $name: String!, $minStep: Int64!, $maxStep: Int64!, $pageSize: Int!) {
              project(name: $project, entityName: $entity) {
                run(name: $name) { history(minStep: $minStep, maxStep: $maxStep, samples: $pageSize) }
              }
            }""";

    private final WandbGraphql api;
    private final String entity;
    private final String project;
    private final BooleanSupplier cancelled;
    private final Map<String, List<WandbRun.ManifestEntry>> manifests = new HashMap<>();

    /** A run as the listing shows it: enough to tell whether it changed since the last sync. */
    public record RunStamp(String name, String state, String heartbeatAt) {
        public String stamp() {
            return state + "@" + heartbeatAt;
        }
    }

    /**
     * A run read in full, with W&B's own state word ({@code finished}, {@code crashed},
     * {@code killed}…) and the artifact versions it used (on a server these are numbered versions
     * with digests, unlike an offline run's {@link WandbRun#used()}).
     */
    public record ServerRun(WandbRun run, String state, List<WandbRun.WandbArtifact> used) {
        public ServerRun {
            used = List.copyOf(used);
        }
    }

    public WandbServer(WandbGraphql api, String entity, String project, BooleanSupplier cancelled) {
        this.api = api;
        this.entity = entity;
        this.project = project;
        this.cancelled = cancelled;
    }

    /** Every run of the project, oldest first, following W&B's cursors to the end. */
    public List<RunStamp> runs() throws SyncFailure {
        List<RunStamp> out = new ArrayList<>();
        eachNode("W&B runs of " + entity + "/" + project, "BraidRuns", RUNS, Map.of(), List.of("runs"), node -> {
            if (node.path("name").isTextual()) {
                out.add(new RunStamp(node.get("name").asText(), node.path("state").asText(""),
                        node.path("heartbeatAt").asText("")));
            }
        });
        return out;
    }

    /** What is done with each node of a connection. */
    @FunctionalInterface
    private interface NodeReader {
        void read(JsonNode node) throws SyncFailure;
    }

    /**
     * Hands every node of the project's GraphQL connection at {@code path} to {@code reader}, page
     * by page, following W&B's cursors to the end ({@code what} names the listing for the page guard).
     */
    private void eachNode(String what, String operation, String query, Map<String, Object> variables, List<String> path,
                          NodeReader reader) throws SyncFailure {
        PagingGuard pages = PagingGuard.standard(what);
        String cursor = null;
        do {
            checkCancelled();
            Map<String, Object> vars = vars();
            vars.putAll(variables);
            vars.put("cursor", cursor);
            vars.put("perPage", RUNS_PER_PAGE);
            JsonNode connection = project(api.query(operation, query, vars));
            for (String field : path) {
                connection = connection.path(field);
            }
            for (JsonNode edge : connection.path("edges")) {
                reader.read(edge.path("node"));
            }
            JsonNode info = connection.path("pageInfo");
            cursor = pages.next(info.path("hasNextPage").asBoolean(false) ? info.path("endCursor").asText(null) : null);
        } while (cursor != null);
    }

    /** The run named {@code name} in full, or null when it went since the listing. */
    public ServerRun run(String name) throws SyncFailure {
        Map<String, Object> vars = vars();
        vars.put("name", name);
        JsonNode run = project(api.query("BraidRun", RUN, vars)).path("run");
        if (!run.isObject()) {
            return null;
        }
        Map<String, JsonNode> config = unwrapConfig(jsonText(run.path("config"), "config of run " + name));
        Map<String, JsonNode> summary = fields(jsonText(run.path("summaryMetrics"), "summary of run " + name));
        List<String> tags = new ArrayList<>();
        run.path("tags").forEach(t -> tags.add(t.asText()));
        String state = run.path("state").asText("");
        Integer exit = switch (state) {
            case "finished" -> 0;
            case "failed", "crashed", "killed" -> 1;
            default -> null;
        };
        Long start = time(run.path("createdAt").asText(null));
        Long end = exit == null ? null : time(run.path("heartbeatAt").asText(null));
        long lastStep = summary.containsKey("_step") ? summary.get("_step").asLong(-1) : -1;
        Map<String, List<WandbRun.WandbPoint>> history = history(name, lastStep);
        List<WandbRun.WandbArtifact> logged = artifacts(name, "outputArtifacts");
        List<WandbRun.WandbArtifact> used = artifacts(name, "inputArtifacts");
        WandbRun out = new WandbRun(name, entity, project, text(run, "displayName"), text(run, "notes"), tags,
                text(run, "group"), text(run, "jobType"), null, start, end, exit, text(run, "commit"), null,
                WandbRunReader.flatten(config), WandbRunReader.flatten(summary), history, logged, List.of(), false, null);
        return new ServerRun(out, state, used);
    }

    private Map<String, List<WandbRun.WandbPoint>> history(String name, long lastStep) throws SyncFailure {
        Map<String, List<WandbRun.WandbPoint>> out = new LinkedHashMap<>();
        for (long min = 0; min <= lastStep; min += HISTORY_PAGE) {
            checkCancelled();
            Map<String, Object> vars = vars();
            vars.put("name", name);
            vars.put("minStep", min);
            vars.put("maxStep", min + HISTORY_PAGE);
            vars.put("pageSize", HISTORY_PAGE);
            JsonNode rows = project(api.query("BraidHistoryPage", HISTORY, vars)).path("run").path("history");
            for (JsonNode row : rows) {
                JsonNode values = row.isTextual() ? jsonText(row, "history of run " + name) : row;
                long step = values.path("_step").asLong(0);
                JsonNode ts = values.path("_timestamp");
                long timestamp = ts.isNumber() ? Math.round(ts.asDouble() * 1000) : 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().startsWith("_") && e.getValue().isNumber()) {
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(new WandbRun.WandbPoint(step, timestamp, e.getValue().asDouble()));
                    }
                }
            }
        }
        return out;
    }

    private List<WandbRun.WandbArtifact> artifacts(String name, String field) throws SyncFailure {
        List<WandbRun.WandbArtifact> out = new ArrayList<>();
        eachNode("W&B " + field + " of run " + name, "BraidRunArtifacts", ARTIFACTS.formatted(field), Map.of("name", name),
                List.of("run", "artifacts"), a -> {
            if (!a.path("artifactSequence").path("name").isTextual() || !"COMMITTED".equals(a.path("state").asText("COMMITTED"))) {
                return; // a version still uploading, or deleted: not part of the lineage yet
            }
            List<String> aliases = new ArrayList<>();
            a.path("aliases").forEach(al -> aliases.add(al.path("alias").asText()));
            String version = a.path("versionIndex").isNumber() ? "v" + a.get("versionIndex").asInt() : null;
            out.add(new WandbRun.WandbArtifact(a.get("artifactSequence").get("name").asText(),
                    a.path("artifactType").path("name").asText(null), a.path("digest").asText(null), aliases,
                    manifest(a.path("id").asText(null)), version));
        });
        return out;
    }

    /** The files of artifact {@code id}, from its manifest; read once per sync (a version's manifest never changes). */
    private List<WandbRun.ManifestEntry> manifest(String id) throws SyncFailure {
        if (id == null) {
            return List.of();
        }
        List<WandbRun.ManifestEntry> known = manifests.get(id);
        if (known != null) {
            return known;
        }
        JsonNode file = api.query("BraidArtifactManifest", MANIFEST, Map.of("id", id)).path("artifact")
                .path("currentManifest").path("file");
        List<WandbRun.ManifestEntry> out = new ArrayList<>();
        String url = file.path("directUrl").asText(null);
        if (url != null && !url.isBlank()) {
            JsonNode manifest;
            try {
                manifest = JSON.readTree(api.download(url, MANIFEST_CAP));
            } catch (IOException e) {
                throw SyncFailure.permanent(api.where() + " served the manifest of artifact " + id + " as malformed JSON", e);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("contents").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode entry = e.getValue();
                out.add(new WandbRun.ManifestEntry(e.getKey(), entry.path("digest").asText(null), entry.path("size").asLong(0),
                        entry.path("ref").isTextual() ? entry.get("ref").asText() : null));
            }
        }
        manifests.put(id, List.copyOf(out));
        return out;
    }

    private JsonNode project(JsonNode data) throws SyncFailure {
        JsonNode found = data.path("project");
        if (!found.isObject()) {
            throw SyncFailure.permanent(api.where() + " has no project " + entity + "/" + project
                    + " (or the API key may not see it).", null);
        }
        return found;
    }

    private Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("entity", entity);
        vars.put("project", project);
        return vars;
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }

    /** W&B sends config, summary and history rows as JSON inside a string ({@code JSONString}). */
    private JsonNode jsonText(JsonNode value, String what) throws SyncFailure {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!value.isTextual()) {
            return value;
        }
        try {
            JsonNode node = JSON.readTree(value.asText().isBlank() ? "{}" : value.asText());
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw SyncFailure.permanent(api.where() + " sent the " + what + " as malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The config as W&B stores it: each key holds {@code {"value": …, "desc": …}}. */
    private static Map<String, JsonNode> unwrapConfig(JsonNode config) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isObject() && v.has("value") ? v.get("value") : v);
        }
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** W&B's times are ISO-8601, usually without an offset (UTC). */
    static Long time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.endsWith("Z") ? text : text + "Z").toEpochMilli();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
