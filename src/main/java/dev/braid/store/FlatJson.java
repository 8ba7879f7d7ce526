package dev.braid.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flat JSON objects of text values, the shape the cache keeps small settings in (a source's
 * configuration, a lineage node's properties), read and written with Jackson's streaming parser
 * and writer. Setting up an {@code ObjectMapper} costs a short command more than its own work,
 * and these maps need none of data binding. The text written is what an {@code ObjectMapper}
 * writes for the same map.
 */
public final class FlatJson {
    private final JsonFactory json = new JsonFactory();

    /** The map as a JSON object, in the map's order. */
    public String write(Map<String, String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator out = json.createGenerator(text)) {
            out.writeStartObject();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return text.toString();
    }

    /**
     * The object's fields in their order, numbers and booleans as their text.
     *
     * @throws IOException when the text is not a JSON object of such values (a null, an array or
     *                     an object as a value, or no JSON at all)
     */
    public Map<String, String> read(String text) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser in = json.createParser(text)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new IOException("unfinished JSON object");
                }
                String key = in.currentName();
                JsonToken value = in.nextToken();
                if (value == null || !value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                    throw new IOException("the value of '" + key + "' is not text");
                }
                values.put(key, in.getText());
            }
        }
        return values;
    }
}
