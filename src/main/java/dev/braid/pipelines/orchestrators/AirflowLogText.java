package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns a task log as Airflow serves it into plain lines. Airflow 3 logs are structured: one JSON
 * object a line ({@code timestamp}, {@code level}, {@code event}, {@code logger}, an exception's
 * {@code error_detail}), or the same objects in a {@code content} array; Airflow 2 sends text, or
 * JSON with the text in {@code content}. A group marker ({@code ::group::Pre Execute}, alone or at
 * the end of a text line) becomes a heading line, its end marker's line is dropped, an exception is written out as Python prints it.
 */
final class AirflowLogText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AirflowLogText() {
    }

    /** The log as text; {@code truncated} means the body is the end of a longer one (its first line may be cut). */
    static String render(String body, boolean truncated) {
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{\"content\"") || trimmed.startsWith("{ \"content\"")) {
            try {
                JsonNode whole = JSON.readTree(trimmed);
                JsonNode content = whole.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder out = new StringBuilder();
                content.forEach(line -> line(line, out));
                return out.toString();
            } catch (IOException notOneDocument) {
                // Lines of JSON after all, or text: read them below.
            }
        }
        StringBuilder out = new StringBuilder();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            if (text.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (text.startsWith("{")) {
                try {
                    line(JSON.readTree(text), out);
                    continue;
                } catch (IOException notJson) {
                    if (i == 0 && truncated) {
                        continue; // the cut-off start of a line whose beginning was dropped
                    }
                }
            }
            if (text.contains("::endgroup::")) {
                continue;
            }
            int group = text.indexOf("::group::");
            out.append(group >= 0 ? "── " + text.substring(group + "::group::".length()) : text).append('\n');
        }
        return out.toString();
    }

    private static void line(JsonNode line, StringBuilder out) {
        if (!line.isObject()) {
            out.append(line.asText()).append('\n');
            return;
        }
        String event = line.path("event").asText("");
        if (event.startsWith("::group::")) {
            out.append("── ").append(event.substring("::group::".length())).append('\n');
            return;
        }
        if (event.equals("::endgroup::")) {
            return;
        }
        String time = line.path("timestamp").asText("");
        String level = line.path("level").asText("");
        String logger = line.path("logger").asText("");
        if (!time.isEmpty()) {
            out.append('[').append(time).append("] ");
        }
        if (!level.isEmpty()) {
            out.append(level.toUpperCase(java.util.Locale.ROOT)).append(' ');
        }
        if (!logger.isEmpty()) {
            out.append(logger).append(" - ");
        }
        out.append(event).append('\n');
        for (JsonNode error : line.path("error_detail")) {
            out.append("Traceback (most recent call last):\n");
            for (JsonNode frame : error.path("frames")) {
                out.append("  File \"").append(frame.path("filename").asText()).append("\", line ")
                        .append(frame.path("lineno").asText()).append(", in ").append(frame.path("name").asText()).append('\n');
            }
            out.append(error.path("exc_type").asText("Error")).append(": ").append(error.path("exc_value").asText("")).append('\n');
        }
    }
}
