package dev.braid.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The JSON columns of the pipeline tables: a job's needs and its steps. */
final class PipelineJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineJson() {
    }

    static String write(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> readList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(text, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    static String writeSteps(List<JobStep> steps) {
        ArrayNode array = JSON.createArrayNode();
        for (JobStep s : steps) {
            ObjectNode o = array.addObject();
            o.put("name", s.name());
            o.put("status", s.status().name());
            o.put("source_status", s.sourceStatus());
            if (s.startedAt() != null) {
                o.put("started_at", s.startedAt());
            }
            if (s.finishedAt() != null) {
                o.put("finished_at", s.finishedAt());
            }
        }
        return array.toString();
    }

    static List<JobStep> readSteps(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            List<JobStep> out = new ArrayList<>();
            for (JsonNode o : JSON.readTree(text)) {
                out.add(new JobStep(o.path("name").asText(""), PipelineStatus.valueOf(o.path("status").asText("UNKNOWN")),
                        o.path("source_status").isNull() ? null : o.path("source_status").asText(null),
                        o.hasNonNull("started_at") ? o.get("started_at").asLong() : null,
                        o.hasNonNull("finished_at") ? o.get("finished_at").asLong() : null));
            }
            return List.copyOf(out);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
