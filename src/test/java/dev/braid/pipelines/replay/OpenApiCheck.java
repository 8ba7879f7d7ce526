package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks a replay's answers against a published API description (OpenAPI 3.0 or 3.1, or Swagger
 * 2.0): the body must validate against the schema the description gives for that path, method and
 * status, and name no field the description does not define (descriptions rarely forbid extra
 * fields, but a replay that invented one would test Braid against a service that does not exist).
 */
public final class OpenApiCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "https://replay.braid.invalid/api.json";
    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final boolean swagger2;

    private OpenApiCheck(JsonNode doc) {
        this.doc = doc;
        this.swagger2 = doc.has("swagger");
        String version = doc.path("openapi").asText("");
        Dialect dialect = version.startsWith("3.1") ? Dialects.getOpenApi31() : version.startsWith("3.0") ? Dialects.getOpenApi30()
                : Dialects.getDraft4();
        String text = doc.toString();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemas(Map.of(ID, text)));
    }

    /** Reads a YAML or JSON description. */
    public static OpenApiCheck read(Path file) throws IOException {
        String text = Files.readString(file);
        Object tree = new Load(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build()).loadFromString(text);
        return new OpenApiCheck(JSON.valueToTree(tree));
    }

    /** What is wrong with {@code body} as the answer to {@code method pathTemplate} with {@code status}; empty when nothing. */
    public List<String> check(String method, String pathTemplate, int status, String body) throws IOException {
        JsonNode operation = doc.path("paths").path(pathTemplate).path(method.toLowerCase(java.util.Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of("the description has no " + method + " " + pathTemplate);
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        String pointer = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(java.util.Locale.ROOT) + "/responses/" + status
                + (swagger2 ? "/schema" : "/content/application~1json/schema");
        JsonNode schema = swagger2 ? response.path("schema") : response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of("the description gives no JSON schema for " + status + " of " + method + " " + pathTemplate);
        }
        Schema validator = registry.getSchema(SchemaLocation.of(ID + "#" + pointer));
        List<String> problems = new ArrayList<>(validator.validate(body, InputFormat.JSON).stream().map(Error::toString).toList());
        unknownFields(JSON.readTree(body), schema, "$", problems);
        return problems;
    }

    private void unknownFields(JsonNode value, JsonNode schema, String at, List<String> problems) {
        schema = resolve(schema);
        if (value == null || value.isNull() || schema == null) {
            return;
        }
        List<JsonNode> alternatives = new ArrayList<>();
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combiner).forEach(s -> alternatives.add(resolve(s)));
        }
        if (value.isObject()) {
            List<JsonNode> withProperties = new ArrayList<>();
            if (schema.has("properties") || schema.has("additionalProperties")) {
                withProperties.add(schema);
            }
            alternatives.stream().filter(s -> s.has("properties") || s.has("additionalProperties")).forEach(withProperties::add);
            if (withProperties.isEmpty()) {
                return; // a free-form object (conf, params)
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode defined = null;
                boolean open = false;
                for (JsonNode s : withProperties) {
                    if (s.path("properties").has(field.getKey())) {
                        defined = s.path("properties").get(field.getKey());
                    } else if (s.path("additionalProperties").isObject() || s.path("additionalProperties").asBoolean(false)) {
                        open = true;
                        defined = s.path("additionalProperties").isObject() ? s.get("additionalProperties") : null;
                    }
                }
                if (defined == null && !open) {
                    problems.add(at + "." + field.getKey() + ": not a field the description defines");
                } else if (defined != null) {
                    unknownFields(field.getValue(), defined, at + "." + field.getKey(), problems);
                }
            }
        } else if (value.isArray()) {
            JsonNode items = schema.path("items");
            if (items.isMissingNode()) {
                items = alternatives.stream().map(s -> s.path("items")).filter(i -> !i.isMissingNode()).findFirst().orElse(null);
            }
            if (items != null && !items.isMissingNode()) {
                for (int i = 0; i < value.size(); i++) {
                    unknownFields(value.get(i), items, at + "[" + i + "]", problems);
                }
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema != null && schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return null;
            }
            schema = doc.at(ref.substring(1));
        }
        return schema;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
