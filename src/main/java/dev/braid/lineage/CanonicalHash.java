package dev.braid.lineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The SHA-256 of an event's canonical JSON, which makes repeated events idempotent: properties
 * sorted by name at every level, no whitespace, scalars as Jackson writes them. The bytes are
 * exactly those of an {@code ObjectMapper} with {@code WRITE_PROPERTIES_SORTED} (hashes kept in
 * earlier caches stay valid); walking the tree here sorts each object's names in an array instead
 * of building a sorted map per object, which made hashing a large share of an import.
 */
final class CanonicalHash {
    private final JsonFactory factory = new JsonFactory();

    String of(JsonNode tree) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java runtime", e);
        }
        try (JsonGenerator out = factory.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
            write(out, tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot hash an event", e);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static void write(JsonGenerator out, JsonNode node) throws IOException {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            int at = 0;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names[at++] = it.next();
            }
            Arrays.sort(names);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                write(out, node.get(name));
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(out, element);
            }
            out.writeEndArray();
        } else if (node.isNull()) {
            out.writeNull();
        } else {
            // Text, numbers and booleans: a parsed tree holds no other kinds of value.
            ((ValueNode) node).serialize(out, null);
        }
    }
}
