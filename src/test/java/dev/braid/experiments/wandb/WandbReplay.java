package dev.braid.experiments.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.replay.ReplayServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W&B's public GraphQL API for one project, as W&B documents and its own clients use it
 * (docs.wandb.ai "Public API" reference; the query documents of the open-source client, wandb
 * 0.31.0: {@code RunFragment} and the {@code Runs} query in {@code wandb/apis/public/runs.py},
 * {@code RunOutputArtifacts}/{@code RunInputArtifacts}/{@code FetchArtifactManifest} in
 * {@code wandb/sdk/artifacts/_generated/operations.py}, {@code HistoryPage} of {@code scan_history}):
 * {@code POST /graphql} with HTTP basic authentication as user {@code api}; Relay connections
 * ({@code first}/{@code after}, {@code edges{node}}, {@code pageInfo{endCursor hasNextPage}})
 * with opaque cursors; config, summary and history rows as JSON inside strings; run
 * {@code history(minStep, maxStep, samples)} covering {@code [minStep, maxStep)}; an artifact's
 * manifest as a file at the {@code directUrl} its {@code currentManifest} names. A wrong key is
 * HTTP 401 with a GraphQL error body; faults (429, 5xx) come from {@link ReplayServer}.
 *
 * <p>W&B's full schema is not published (its client fetches it from a private repository at
 * build time), so answers cannot be checked against it. Instead every query Braid sends is checked
 * here as a GraphQL server would: a field this replay does not know — the fields W&B's own client
 * queries on each type — is refused with GraphQL's "Cannot query field" error, and the test fails.
 */
public final class WandbReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Field names W&B's own client queries (see the class comment), plus arguments' names. */
    private static final Set<String> KNOWN_FIELDS = Set.of(
            "project", "run", "runs", "edges", "node", "pageInfo", "endCursor", "hasNextPage", "cursor",
            "name", "displayName", "state", "config", "summaryMetrics", "tags", "group", "jobType", "commit", "notes",
            "createdAt", "heartbeatAt", "user", "username", "history", "id", "digest", "versionIndex", "artifactType",
            "artifactSequence", "aliases", "alias", "outputArtifacts", "inputArtifacts", "artifacts", "artifact",
            "currentManifest", "file", "directUrl");
    private static final Set<String> GRAPHQL_WORDS = Set.of("query", "true", "false", "null", "String", "Int", "Int64",
            "ID", "Boolean");
    private static final Pattern WORD = Pattern.compile("(\\$?)([_A-Za-z][_A-Za-z0-9]*)(\\s*:)?");
    private final String entity;
    private final String project;
    private final String key;
    private final List<ReplayRun> runs = new CopyOnWriteArrayList<>();
    private final Map<String, ReplayArtifact> artifacts = new LinkedHashMap<>();
    private volatile String base = "http://127.0.0.1";
    private volatile String echoInErrors;

    /** A run: its fields as W&B stores them, and its history rows (each a JSON object with {@code _step}). */
    public static final class ReplayRun {
        public final String name;
        public String state = "finished";
        public String displayName;
        public String createdAt = "2026-11-30T10:00:00";
        public String heartbeatAt = "2026-11-30T10:05:00";
        public String commit;
        public String notes;
        public String group;
        public String jobType;
        public List<String> tags = new ArrayList<>();
        public Map<String, Object> config = new LinkedHashMap<>();
        public Map<String, Object> summary = new LinkedHashMap<>();
        public List<Map<String, Object>> history = new ArrayList<>();
        public List<String> logged = new ArrayList<>();
        public List<String> used = new ArrayList<>();

        public ReplayRun(String name) {
            this.name = name;
            this.displayName = name;
        }

        /** Logs {@code steps} steps of {@code metric} (value = f(step)) and sets the summary's last step. */
        public ReplayRun metric(String metric, int steps, java.util.function.IntToDoubleFunction f) {
            for (int s = 0; s < steps; s++) {
                Map<String, Object> row = s < history.size() ? history.get(s) : new LinkedHashMap<>();
                if (s >= history.size()) {
                    row.put("_step", s);
                    row.put("_timestamp", 1_764_496_800.0 + s);
                    history.add(row);
                }
                row.put(metric, f.applyAsDouble(s));
            }
            summary.put(metric, f.applyAsDouble(steps - 1));
            summary.put("_step", history.size() - 1);
            return this;
        }
    }

    /** An artifact version: collection name, type, digest, number, aliases and manifest entries ({@code path → ref or null}). */
    public record ReplayArtifact(String id, String name, String type, String digest, int version, List<String> aliases,
                                 Map<String, String> entries) {
    }

    public WandbReplay(String entity, String project, String key) {
        this.entity = entity;
        this.project = project;
        this.key = key;
    }

    public void base(String url) {
        this.base = url;
    }

    public List<ReplayRun> runs() {
        return runs;
    }

    public ReplayRun add(ReplayRun run) {
        runs.add(run);
        return run;
    }

    public ReplayArtifact artifact(ReplayArtifact artifact) {
        artifacts.put(artifact.id(), artifact);
        return artifact;
    }

    /** Makes GraphQL error answers quote {@code text} (a server echoing what it was sent). */
    public void echoInErrors(String text) {
        this.echoInErrors = text;
    }

    @Override
    public ReplayServer.Reply answer(ReplayServer.Request r) {
        if (r.method().equals("GET") && r.path().startsWith("/artifactsV2/manifest/")) {
            ReplayArtifact a = artifacts.get(r.path().substring("/artifactsV2/manifest/".length()));
            return a == null ? ReplayServer.Reply.text(404, "not found") : ReplayServer.Reply.json(200, manifest(a));
        }
        if (!r.path().equals("/graphql") || !r.method().equals("POST")) {
            return ReplayServer.Reply.text(404, "404 page not found");
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
        if (key != null && !expected.equals(r.header("Authorization"))) {
            return ReplayServer.Reply.json(401, error("user is not logged in"));
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            String query = body.path("query").asText();
            String unknown = unknownField(query);
            if (unknown != null) {
                return ReplayServer.Reply.json(400, error("Cannot query field \"" + unknown + "\"."));
            }
            return ReplayServer.Reply.json(200, "{\"data\":" + data(body.path("operationName").asText(), query,
                    body.path("variables")) + "}");
        } catch (Exception e) {
            return ReplayServer.Reply.json(400, error("bad request: " + e.getMessage()));
        }
    }

    private String error(String message) {
        String text = echoInErrors == null ? message : message + " (" + echoInErrors + ")";
        ObjectNode out = JSON.createObjectNode();
        out.putArray("errors").addObject().put("message", text);
        return out.toString();
    }

    /** The first field the query selects that W&B's client never asks for, or null. */
    static String unknownField(String query) {
        String q = query.replaceAll("\"[^\"]*\"", "\"\"");
        int open = q.indexOf('{');
        if (open < 0) {
            return "(no selection)";
        }
        // Variable definitions (before the first brace) name types, not fields.
        Matcher m = WORD.matcher(q.substring(open));
        while (m.find()) {
            boolean variable = !m.group(1).isEmpty();
            boolean argumentOrAlias = m.group(3) != null;
            String word = m.group(2);
            if (variable || GRAPHQL_WORDS.contains(word)) {
                continue;
            }
            if (argumentOrAlias) {
                continue; // an argument name (first:, after:…) or an alias (artifacts:)
            }
            if (!KNOWN_FIELDS.contains(word)) {
                return word;
            }
        }
        return null;
    }

    private String data(String operation, String query, JsonNode vars) throws Exception {
        if (!entity.equals(vars.path("entity").asText(entity)) || !project.equals(vars.path("project").asText(project))) {
            return "{\"project\":null}";
        }
        ObjectNode data = JSON.createObjectNode();
        if (query.contains("currentManifest")) {
            ReplayArtifact a = artifacts.get(vars.path("id").asText());
            if (a == null) {
                data.putNull("artifact");
            } else {
                data.putObject("artifact").putObject("currentManifest").putObject("file")
                        .put("directUrl", base + "/artifactsV2/manifest/" + a.id());
            }
            return data.toString();
        }
        ObjectNode proj = data.putObject("project");
        if (query.contains("runs(")) {
            proj.set("runs", page(runs.stream().map(run -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("name", run.name).put("state", run.state).put("heartbeatAt", run.heartbeatAt);
                return (JsonNode) n;
            }).toList(), vars));
            return data.toString();
        }
        ReplayRun run = runs.stream().filter(x -> x.name.equals(vars.path("name").asText())).findFirst().orElse(null);
        if (run == null) {
            proj.putNull("run");
            return data.toString();
        }
        ObjectNode node = proj.putObject("run");
        if (query.contains("history(")) {
            ArrayNode rows = node.putArray("history");
            long min = vars.path("minStep").asLong();
            long max = vars.path("maxStep").asLong();
            int samples = vars.path("pageSize").asInt(500);
            for (Map<String, Object> row : run.history) {
                long step = ((Number) row.get("_step")).longValue();
                if (step >= min && step < max && rows.size() < samples) {
                    rows.add(JSON.writeValueAsString(row));
                }
            }
        } else if (query.contains("outputArtifacts") || query.contains("inputArtifacts")) {
            List<String> ids = query.contains("outputArtifacts") ? run.logged : run.used;
            node.set("artifacts", page(ids.stream().map(artifacts::get).map(this::artifactNode).toList(), vars));
        } else {
            node.put("name", run.name).put("displayName", run.displayName).put("state", run.state)
                    .put("createdAt", run.createdAt).put("heartbeatAt", run.heartbeatAt).put("commit", run.commit)
                    .put("notes", run.notes).put("group", run.group).put("jobType", run.jobType);
            Map<String, Object> config = new LinkedHashMap<>();
            run.config.forEach((k, v) -> config.put(k, Map.of("value", v, "desc", "")));
            config.put("_wandb", Map.of("value", Map.of("cli_version", "0.31.0")));
            node.put("config", JSON.writeValueAsString(config));
            node.put("summaryMetrics", JSON.writeValueAsString(run.summary));
            ArrayNode tags = node.putArray("tags");
            run.tags.forEach(tags::add);
            node.putObject("user").put("username", entity);
        }
        return data.toString();
    }

    private JsonNode artifactNode(ReplayArtifact a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id()).put("digest", a.digest()).put("versionIndex", a.version()).put("state", "COMMITTED");
        n.putObject("artifactType").put("name", a.type());
        n.putObject("artifactSequence").put("name", a.name());
        ArrayNode aliases = n.putArray("aliases");
        a.aliases().forEach(al -> aliases.addObject().put("alias", al));
        return n;
    }

    /** A Relay connection page: {@code first} items after the opaque cursor {@code after}. */
    private static ObjectNode page(List<JsonNode> all, JsonNode vars) {
        int first = vars.path("perPage").asInt(50);
        String after = vars.path("cursor").isTextual() ? vars.get("cursor").asText() : null;
        int start = after == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(after),
                StandardCharsets.UTF_8).substring("cursor:".length())) + 1;
        ObjectNode conn = JSON.createObjectNode();
        ArrayNode edges = conn.putArray("edges");
        int end = Math.min(all.size(), start + first);
        for (int i = start; i < end; i++) {
            edges.addObject().put("cursor", cursor(i)).set("node", all.get(i));
        }
        conn.putObject("pageInfo").put("endCursor", end > start ? cursor(end - 1) : after).put("hasNextPage", end < all.size());
        return conn;
    }

    private static String cursor(int index) {
        return Base64.getEncoder().encodeToString(("cursor:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static String manifest(ReplayArtifact a) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", 1).put("storagePolicy", "wandb-storage-policy-v1");
        m.putObject("storagePolicyConfig").put("storageLayout", "V2");
        ObjectNode contents = m.putObject("contents");
        a.entries().forEach((path, ref) -> {
            ObjectNode e = contents.putObject(path).put("digest", "d-" + path).put("size", 10);
            if (ref != null) {
                e.put("ref", ref);
            }
        });
        return m.toString();
    }
}
