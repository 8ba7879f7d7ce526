package dev.braid.pipelines.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.pipelines.PipelineException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Pipeline stage's log, as Jenkins's Pipeline REST API gives it: the stage node's
 * {@code execution/node/{id}/wfapi/describe} lists the steps that ran in the stage
 * ({@code stageFlowNodes}, in start order), and each step's {@code wfapi/log} holds its output as
 * HTML. The steps' outputs are joined under a line naming each step, with the markup taken out.
 * Jenkins sends at most the last 10 KB of each step there ({@code hasMore}); where it left the start
 * out, a line says so and where the whole build's console is.
 */
final class JenkinsStageLog {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
    private final CiHttp http;

    JenkinsStageLog(CiHttp http) {
        this.http = http;
    }

    /**
     * The log of stage {@code stageId} of the build at {@code build} (a path ending in a slash).
     *
     * @throws PipelineException a not-found one when the server has no per-node API (the caller
     *     falls back to the console text)
     */
    String read(String build, String stageId) throws PipelineException {
        String node = build + "execution/node/" + CiJson.encode(stageId) + "/";
        JsonNode stage = http.json(node + "wfapi/describe");
        StringBuilder out = new StringBuilder();
        for (JsonNode step : stage.path("stageFlowNodes")) {
            String id = step.path("id").asText("");
            if (id.isEmpty()) {
                continue;
            }
            String name = step.path("name").asText("step " + id);
            String detail = step.path("parameterDescription").asText("");
            out.append("\u001b[1m▸ ").append(name).append(detail.isEmpty() ? "" : ": " + detail);
            String status = step.path("status").asText("");
            if (!status.isEmpty() && !status.equals("SUCCESS")) {
                out.append(" (").append(status).append(')');
            }
            out.append("\u001b[0m\n");
            JsonNode log = http.json(build + "execution/node/" + CiJson.encode(id) + "/wfapi/log");
            if (log.path("hasMore").asBoolean(false)) {
                out.append("[… the start of this step's output is left out: Jenkins sends the last ")
                        .append(log.path("length").asLong()).append(" characters of each step here; the whole build is in ")
                        .append(build).append("consoleText]\n");
            }
            String text = plain(log.path("text").asText(""));
            out.append(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                out.append('\n');
            }
            JsonNode error = step.path("error");
            if (error.hasNonNull("message")) {
                out.append("ERROR: ").append(error.path("message").asText()).append('\n');
            }
        }
        if (out.isEmpty()) {
            out.append("(Jenkins lists no steps with output in this stage)\n");
        }
        return out.toString();
    }

    /** Keeps the last {@code capBytes} bytes of {@code text}, cut at a line start where one is near. */
    static String tail(String text, long capBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= capBytes) {
            return text;
        }
        String end = new String(bytes, (int) (bytes.length - capBytes), (int) capBytes, StandardCharsets.UTF_8);
        int line = end.indexOf('\n');
        return line >= 0 && line < end.length() - 1 ? end.substring(line + 1) : end;
    }

    /** Log HTML as Jenkins writes it (escaped text, console notes as markup) back to text. */
    static String plain(String html) {
        String text = TAG.matcher(html).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    int code = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "";
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
