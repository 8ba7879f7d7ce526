package dev.braid.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** OpenLineage events for tests, built as JSON trees and changed field by field. */
final class Events {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.54.0/client/python";
    static final String SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    private Events() {
    }

    static ObjectNode run(String eventType, String time, String runId, String namespace, String job) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventType", eventType);
        e.put("eventTime", time);
        e.put("producer", PRODUCER);
        e.put("schemaURL", SCHEMA);
        e.putObject("run").put("runId", runId).putObject("facets");
        ObjectNode j = e.putObject("job");
        j.put("namespace", namespace);
        j.put("name", job);
        j.putObject("facets");
        e.putArray("inputs");
        e.putArray("outputs");
        return e;
    }

    static ObjectNode dataset(String namespace, String name) {
        ObjectNode d = JSON.createObjectNode();
        d.put("namespace", namespace);
        d.put("name", name);
        d.putObject("facets");
        return d;
    }

    static ObjectNode versioned(String namespace, String name, String version) {
        ObjectNode d = dataset(namespace, name);
        ((ObjectNode) d.get("facets")).putObject("version").put("datasetVersion", version);
        return d;
    }

    static ObjectNode input(ObjectNode event, ObjectNode dataset) {
        ((ArrayNode) event.get("inputs")).add(dataset);
        return event;
    }

    static ObjectNode output(ObjectNode event, ObjectNode dataset) {
        ((ArrayNode) event.get("outputs")).add(dataset);
        return event;
    }

    static ObjectNode runFacets(ObjectNode event) {
        return (ObjectNode) event.get("run").get("facets");
    }

    static ObjectNode jobFacets(ObjectNode event) {
        return (ObjectNode) event.get("job").get("facets");
    }

    /** Sets the value at a JSON pointer whose parent exists. */
    static ObjectNode set(ObjectNode event, String pointer, JsonNode value) {
        ObjectNode copy = event.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return copy;
    }

    static ObjectNode remove(ObjectNode event, String pointer) {
        ObjectNode copy = event.deepCopy();
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) copy.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
        return copy;
    }

    static byte[] bytes(JsonNode event) {
        return text(event).getBytes(StandardCharsets.UTF_8);
    }

    static String text(JsonNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
