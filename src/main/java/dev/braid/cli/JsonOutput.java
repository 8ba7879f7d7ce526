package dev.braid.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON to a command's stdout: one compact object per line, or one indented document.
 * Maps, lists and sets, text, numbers, booleans and enums (as their names) are written with Jackson's
 * streaming writer, which a short command can afford; anything else goes through an
 * {@link ObjectMapper}, made only then, so every value is written as Jackson always wrote it.
 */
final class JsonOutput {
    // The command's writer is not the JSON writer's to close or flush: the command flushes at its end.
    private final JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM).build();
    private final PrintWriter out;
    private ObjectMapper mapper;

    JsonOutput(PrintWriter out) {
        this.out = out;
    }

    /** One value as a single line (JSON Lines). */
    void line(Object value) {
        write(value, false);
    }

    /** One value as an indented document. */
    void document(Object value) {
        write(value, true);
    }

    private void write(Object value, boolean indent) {
        try (JsonGenerator json = factory.createGenerator(out)) {
            if (indent) {
                json.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            value(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
        out.println();
    }

    private void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof CharSequence text) {
            json.writeString(text.toString());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                value(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            // Lists and sets only: other Iterables (a JSON tree, a Path) have their own form in Jackson.
            json.writeStartArray();
            for (Object item : items) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Enum<?> constant) {
            json.writeString(constant.name());
        } else {
            mapper().writeValue(json, value);
        }
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        }
        return mapper;
    }
}
