package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Navigates a parsed event and checks the presence and type of fields, naming them as {@code a.b[2].c}. */
final class EventShape {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private final JsonNode root;

    EventShape(JsonNode root) {
        this.root = root;
    }

    JsonNode root() {
        return root;
    }

    String kind() throws InvalidEventException {
        if (root.has("run")) {
            return "RunEvent";
        }
        if (root.has("dataset")) {
            return "DatasetEvent";
        }
        if (root.has("job")) {
            return "JobEvent";
        }
        throw new InvalidEventException("", "not an OpenLineage event: a RunEvent needs run and job,"
                + " a JobEvent job, a DatasetEvent dataset");
    }

    /** The object at {@code field} of {@code parent}, or null when absent; refuses other types. */
    static JsonNode optionalObject(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidEventException(path, "expected an object, got " + describe(value));
        }
        return value;
    }

    static JsonNode requireObject(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode value = optionalObject(parent, field, path);
        if (value == null) {
            throw new InvalidEventException(path, "missing");
        }
        return value;
    }

    static String requireText(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(path, "missing");
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(path, "expected a string, got " + describe(value));
        }
        if (value.asText().isBlank()) {
            throw new InvalidEventException(path, "empty");
        }
        return value.asText();
    }

    static String optionalText(JsonNode parent, String field, String path) throws InvalidEventException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(path, "expected a string, got " + describe(value));
        }
        return value.asText();
    }

    static String requireUuid(JsonNode parent, String field, String path) throws InvalidEventException {
        String id = requireText(parent, field, path);
        if (!UUID.matcher(id).matches()) {
            throw new InvalidEventException(path, "not a UUID: \"" + shorten(id) + "\"");
        }
        return id;
    }

    void requireText(String field) throws InvalidEventException {
        requireText(root, field, field);
    }

    void requireUuid(String object, String field) throws InvalidEventException {
        requireUuid(requireObject(root, object, object), field, object + "." + field);
        optionalObject(root.get(object), "facets", object + ".facets");
    }

    void requireJob(String field) throws InvalidEventException {
        JsonNode job = requireObject(root, field, field);
        requireText(job, "namespace", field + ".namespace");
        requireText(job, "name", field + ".name");
        optionalObject(job, "facets", field + ".facets");
    }

    void requireDataset(String field) throws InvalidEventException {
        checkDataset(requireObject(root, field, field), field);
    }

    /** An optional array of datasets ({@code inputs}, {@code outputs}). */
    void datasets(String field) throws InvalidEventException {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new InvalidEventException(field, "expected an array of datasets, got " + describe(list));
        }
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            if (!list.get(i).isObject()) {
                throw new InvalidEventException(path, "expected a dataset object, got " + describe(list.get(i)));
            }
            checkDataset(list.get(i), path);
            optionalObject(list.get(i), "inputFacets", path + ".inputFacets");
            optionalObject(list.get(i), "outputFacets", path + ".outputFacets");
        }
    }

    private static void checkDataset(JsonNode dataset, String path) throws InvalidEventException {
        requireText(dataset, "namespace", path + ".namespace");
        requireText(dataset, "name", path + ".name");
        optionalObject(dataset, "facets", path + ".facets");
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }

    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** "/inputs/2/name" as "inputs[2].name". */
    static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.matches("\\d+")) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
