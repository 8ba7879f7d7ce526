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
 * A Keras model's architecture ({@code config.json} in a {@code .keras} archive, the
 * {@code model_config} attribute of an {@code .h5} file). Loading it can run code in three ways,
 * each a finding: a {@code Lambda} layer carrying marshalled Python bytecode (Keras 2 and 3), a
 * serialised function or class whose {@code module} Keras imports (the way CVE-2025-1550 escapes
 * safe mode), and custom objects registered by name, which need code Braid cannot see.
 */
final class KerasConfigCheck {
    private final ImportPolicy policy;
    private final ObjectMapper json;

    KerasConfigCheck(ImportPolicy policy, ScanLimits limits) {
        this.policy = policy;
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxHeaderBytes()).maxNestingDepth(500).maxStringLength(limits.maxHeaderBytes())
                .build()).build();
        this.json = new ObjectMapper(factory);
    }

    /** Reads and checks a config from a stream (closing it). */
    void scanConfig(InputStream in, String location, ScanSink sink) throws IOException {
        try (in) {
            check(json.readTree(in), location, sink);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "", "the Keras config is not"
                    + " readable JSON: " + e.getOriginalMessage()));
        }
    }

    /** Checks a config held as text (the HDF5 attribute). */
    void scanConfig(String text, String location, ScanSink sink) {
        try {
            check(json.readTree(text), location, sink);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "", "the Keras config is not"
                    + " readable JSON: " + e.getOriginalMessage()));
        }
    }

    private void check(JsonNode node, String location, ScanSink sink) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            if (inspect(node, location, sink)) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                check(it.next().getValue(), location, sink);
            }
        } else if (node.isArray()) {
            node.forEach(child -> check(child, location, sink));
        }
    }

    /** Checks one object of the config; true when its inside needs no further look. */
    private boolean inspect(JsonNode object, String location, ScanSink sink) {
        String className = object.path("class_name").asText("");
        JsonNode config = object.path("config");
        String layer = config.path("name").asText(className);
        if (className.equals("Lambda")) {
            lambda(config, layer, location, sink);
            return true;
        }
        if (className.equals("__lambda__")) {
            sink.add(new Finding(location, Rating.DANGEROUS, FindingKind.KERAS_CODE, layer,
                    "a Keras function carries marshalled Python bytecode, which runs when the model loads"));
            return true;
        }
        String module = object.path("module").asText("");
        if (module.isEmpty()) {
            String registered = object.path("registered_name").asText("");
            if (registered.contains(">")) {
                sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.KERAS_CODE, registered,
                        "the custom object " + registered + " needs code registered outside the model file"));
            }
            return false;
        }
        String name = className.equals("function") && config.isTextual() ? config.asText() : className;
        if (name.isEmpty() || frameworkModule(module)) {
            return false;
        }
        ImportPolicy.Rated rated = policy.rate(module, name, true, false);
        Rating rating = rated.rating() == Rating.SAFE ? Rating.UNKNOWN : rated.rating();
        sink.add(new Finding(location, rating, FindingKind.KERAS_CODE, module + "." + name, "Keras imports "
                + module + " to load " + name + ": " + (rated.rating() == Rating.SAFE
                ? "a custom object from outside Keras" : rated.reason())));
        return false;
    }

    private static void lambda(JsonNode config, String layer, String location, ScanSink sink) {
        JsonNode function = config.path("function");
        boolean bytecode = function.isArray() || holdsLambda(function)
                || config.path("function_type").asText("").equals("lambda");
        if (bytecode) {
            sink.add(new Finding(location, Rating.DANGEROUS, FindingKind.KERAS_CODE, layer, "the Lambda layer " + layer
                    + " carries marshalled Python bytecode, which runs when the model loads"));
        } else {
            sink.add(new Finding(location, Rating.SUSPICIOUS, FindingKind.KERAS_CODE, layer, "the Lambda layer " + layer
                    + " calls a Python function by name (" + function.toString() + ")"));
        }
    }

    /** Whether a serialised function is, or wraps, a {@code __lambda__} (marshalled bytecode). */
    private static boolean holdsLambda(JsonNode node) {
        if (node.path("class_name").asText("").equals("__lambda__")) {
            return true;
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() && holdsLambda(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean frameworkModule(String module) {
        for (String framework : new String[] {"keras", "tf_keras", "tensorflow", "keras_nlp", "keras_cv", "keras_hub"}) {
            if (module.equals(framework) || module.startsWith(framework + ".")) {
                return true;
            }
        }
        return false;
    }
}
