package dev.braid.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Writes JSON to a command's stdout: one compact object per line, or one indented document. */
final class JsonOutput {
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final PrintWriter out;

    JsonOutput(PrintWriter out) {
        this.out = out;
    }

    /** One value as a single line (JSON Lines). */
    void line(Object value) {
        out.println(encode(value, false));
    }

    /** One value as an indented document. */
    void document(Object value) {
        out.println(encode(value, true));
    }

    private String encode(Object value, boolean indent) {
        try {
            return indent ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
