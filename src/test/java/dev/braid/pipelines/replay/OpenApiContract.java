package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a service's published OpenAPI description says its answers look like, for the endpoints a
 * replay serves: the extracts in {@code src/test/resources/dev/braid/pipelines/replay/openapi/}
 * (origin, licence and what was left out in the README beside them). {@link #check} validates one
 * answer with networknt's json-schema-validator in its OpenAPI 3.0 dialect ({@code nullable}).
 *
 * <p>An answer is checked against the response its path template and status name, else the
 * description's {@code default} response, else (GitHub) {@code basic-error} for any JSON error.
 * Answers without a body (304, the 302 to a log download) are checked for the headers the
 * description names. CircleCI's description marks nullable fields with the Swagger 2 extension
 * {@code x-nullable}, which OpenAPI 3.0 validators ignore: it is read as {@code nullable} here.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://braid.invalid/openapi/";
    private final String docId;
    private final String basePath;
    private final JsonNode doc;
    private final String errorSchema;
    private final Map<Pattern, String> templates = new LinkedHashMap<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, String> wrappers = new ConcurrentHashMap<>();

    private OpenApiContract(String resource, String basePath, String errorSchema) {
        this.docId = BASE + resource;
        this.basePath = basePath;
        this.errorSchema = errorSchema;
        this.doc = nullableAsOpenApi30(read(resource));
        doc.path("paths").fieldNames().forEachRemaining(t -> templates.put(template(t), t));
        String text = doc.toString();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(id ->
                id.equals(docId) ? text : wrappers.get(id)));
    }

    /** GitHub's REST description: workflow runs, their jobs, the job log redirect, errors. */
    public static OpenApiContract gitHub() {
        return new OpenApiContract("github-actions.json", "", "basic-error");
    }

    /** CircleCI's API v2 description: pipelines, a pipeline, its workflows, a workflow's jobs. */
    public static OpenApiContract circleCi() {
        return new OpenApiContract("circleci-v2.json", "/api/v2", null);
    }

    /**
     * What is wrong with one answer by the description; empty when it conforms, or when the
     * description does not cover the request (another API version, a log download host).
     */
    public List<String> check(String method, String path, int status, Map<String, String> headers, byte[] body) {
        if (!path.startsWith(basePath)) {
            return List.of();
        }
        String template = match(path.substring(basePath.length()));
        if (template == null) {
            return List.of();
        }
        JsonNode responses = doc.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT)).path("responses");
        String code = Integer.toString(status);
        JsonNode response = responses.has(code) ? responses.get(code) : status >= 400 ? responses.get("default") : null;
        List<String> problems = new ArrayList<>();
        String where = method + " " + path + " -> " + status + ": ";
        if (response == null) {
            if (status >= 400 && errorSchema != null && body.length > 0) {
                return validate("#/components/schemas/" + errorSchema, body, where);
            }
            // 304 and other answers the description does not list carry nothing to check.
            return List.of();
        }
        response.path("headers").fieldNames().forEachRemaining(name -> {
            if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase(name))) {
                problems.add(where + "the description gives this answer a " + name + " header; it has none");
            }
        });
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            String pointer = "#/paths/" + escape(template) + "/" + method.toLowerCase(java.util.Locale.ROOT) + "/responses/"
                    + (responses.has(code) ? code : "default") + "/content/application~1json/schema";
            problems.addAll(validate(pointer, body, where));
        }
        return problems;
    }

    private List<String> validate(String pointer, byte[] body, String where) {
        Schema schema = schemas.computeIfAbsent(pointer, p -> {
            // A wrapper schema refers to the extract by its id, so that the extract's own $refs resolve in it.
            String id = BASE + "wrapper/" + Integer.toHexString(p.hashCode()) + ".json";
            wrappers.put(id, "{\"$ref\": \"" + docId + p.replace("{", "%7B").replace("}", "%7D") + "\"}");
            return registry.getSchema(SchemaLocation.of(id));
        });
        List<Error> errors = schema.validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON);
        return errors.stream().map(e -> where + e).toList();
    }

    private String match(String path) {
        for (Map.Entry<Pattern, String> t : templates.entrySet()) {
            if (t.getKey().matcher(path).matches()) {
                return t.getValue();
            }
        }
        return null;
    }

    /** A path template as a pattern: each parameter one segment, CircleCI's project slug three. */
    private static Pattern template(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            if (part.equals("{project-slug}")) {
                regex.append("[^/]+/[^/]+/[^/]+");
            } else if (part.startsWith("{")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode nullableAsOpenApi30(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("x-nullable").asBoolean(false)) {
                object.put("nullable", true);
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                nullableAsOpenApi30(it.next());
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::nullableAsOpenApi30);
        }
        return node;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("openapi/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the description extract " + resource + " is not on the test class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
