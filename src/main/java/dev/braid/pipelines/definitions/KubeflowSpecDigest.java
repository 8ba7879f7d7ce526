package dev.braid.pipelines.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digest that tells whether a Kubeflow run ran a pipeline spec found in a repository (ADR 28):
 * SHA-256 over the spec's content in a canonical form, the same whether the spec was read from the
 * compiled IR YAML or from the API server's JSON. Mappings are sorted by key; numbers are compared
 * by value ({@code 3} in YAML is {@code 3.0} once the server has stored it as a protobuf
 * {@code Struct}); a spec the server wraps with its platform spec ({@code {"pipeline_spec": …,
 * "platform_spec": …}}) is digested as the pipeline spec alone, as the YAML's first document is.
 */
public final class KubeflowSpecDigest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubeflowSpecDigest() {
    }

    /** The digest of a spec as the API server returns it, or null when it is not a pipeline spec. */
    public static String of(JsonNode spec) {
        JsonNode inner = spec.path("pipeline_spec").isObject() ? spec.get("pipeline_spec") : spec;
        if (!inner.path("pipelineInfo").isObject() || !inner.path("root").isObject()) {
            return null;
        }
        return of(JSON.convertValue(inner, Object.class));
    }

    /** The digest of a loaded YAML document (maps, lists and scalars). */
    public static String of(Object document) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java runtime", e);
        }
        StringBuilder out = new StringBuilder();
        write(out, document, 0);
        return HexFormat.of().formatHex(digest.digest(out.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > 200) {
            throw new IllegalArgumentException("a pipeline spec nested more than 200 deep");
        }
        if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            map.keySet().forEach(k -> keys.add(String.valueOf(k)));
            keys.sort(null);
            Map<String, Object> byText = new java.util.HashMap<>();
            map.forEach((k, v) -> byText.put(String.valueOf(k), v));
            out.append('{');
            for (String key : keys) {
                text(out, key);
                out.append(':');
                write(out, byText.get(key), depth + 1);
                out.append(',');
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (Object element : list) {
                write(out, element, depth + 1);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Number number) {
            BigDecimal exact;
            try {
                exact = new BigDecimal(number.toString());
            } catch (NumberFormatException e) { // NaN, infinities
                out.append('n').append(number).append(';');
                return;
            }
            out.append('n').append(exact.stripTrailingZeros().toPlainString()).append(';');
        } else if (value instanceof Boolean b) {
            out.append(b ? 'T' : 'F');
        } else if (value == null) {
            out.append('0');
        } else {
            text(out, String.valueOf(value));
        }
    }

    private static void text(StringBuilder out, String text) {
        out.append('s').append(text.length()).append(':').append(text);
    }
}
