package dev.braid.security.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * A skops file (scikit-learn's safer format, MLflow's default for scikit-learn since 3.x): a zip
 * whose {@code schema.json} names every type and function the loader imports
 * ({@code __module__}/{@code __class__}, {@code FunctionNode} {@code module_path}/{@code function}).
 * Each is rated like a pickle's import: an object node is built (called), a function or type
 * node only referenced. skops refuses untrusted types by default, but MLflow passes the types the
 * model was logged with as trusted, so the list is what would run.
 */
final class SkopsCheck {
    private final ImportPolicy policy;
    private final ObjectMapper json;

    SkopsCheck(ImportPolicy policy, ScanLimits limits) {
        this.policy = policy;
        this.json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxHeaderBytes()).maxNestingDepth(1000).build()).build());
    }

    void scan(InputStream in, String location, ScanSink sink) throws IOException {
        JsonNode schema;
        try (in) {
            schema = json.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "", "the skops schema is not readable"
                    + " JSON: " + e.getOriginalMessage()));
            return;
        }
        walk(schema, location, sink);
    }

    private void walk(JsonNode node, String location, ScanSink sink) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            String loader = node.path("__loader__").asText("");
            if (node.has("__module__") && node.has("__class__")) {
                record(node.path("__module__").asText(""), node.path("__class__").asText(""), loader.equals("ObjectNode"),
                        loader, location, sink);
            }
            JsonNode content = node.path("content");
            if (loader.equals("FunctionNode") && content.has("module_path") && content.has("function")) {
                record(content.path("module_path").asText(""), content.path("function").asText(""), false, loader,
                        location, sink);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                walk(it.next().getValue(), location, sink);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, location, sink));
        }
    }

    private void record(String module, String name, boolean called, String loader, String location, ScanSink sink) {
        if (module.isEmpty() || name.isEmpty()) {
            return;
        }
        ImportPolicy.Rated rated = policy.rate(module, name, called, false);
        sink.importFound(new ImportReport(location, module, name, "SKOPS:" + loader, called, rated.rating(), rated.reason(), 1));
        if (rated.rating() != Rating.SAFE) {
            sink.add(new Finding(location, rated.rating(), FindingKind.IMPORT, module + "." + name,
                    (called ? "builds " : "imports ") + module + "." + name + ": " + rated.reason()));
        }
    }
}
