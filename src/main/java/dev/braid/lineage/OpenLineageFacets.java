package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks the facets Braid maps — {@code parent}, {@code errorMessage}, {@code sourceCodeLocation},
 * {@code version} and {@code columnLineage} — so that mapping never meets a surprise. Other facets
 * are kept in the raw event only and are not checked beyond being objects.
 */
final class OpenLineageFacets {
    private final EventShape shape;

    OpenLineageFacets(EventShape shape) {
        this.shape = shape;
    }

    void checkRunFacets() throws InvalidEventException {
        JsonNode facets = facets(shape.root().get("run"), "run");
        if (facets != null) {
            JsonNode parent = facet(facets, "parent", "run.facets");
            if (parent != null) {
                EventShape.requireUuid(EventShape.requireObject(parent, "run", "run.facets.parent.run"), "runId",
                        "run.facets.parent.run.runId");
                JsonNode job = EventShape.requireObject(parent, "job", "run.facets.parent.job");
                EventShape.requireText(job, "namespace", "run.facets.parent.job.namespace");
                EventShape.requireText(job, "name", "run.facets.parent.job.name");
            }
            JsonNode error = facet(facets, "errorMessage", "run.facets");
            if (error != null) {
                EventShape.requireText(error, "message", "run.facets.errorMessage.message");
                EventShape.optionalText(error, "programmingLanguage", "run.facets.errorMessage.programmingLanguage");
                EventShape.optionalText(error, "stackTrace", "run.facets.errorMessage.stackTrace");
            }
        }
        checkJobFacets("job");
    }

    void checkJobFacets(String field) throws InvalidEventException {
        JsonNode facets = facets(shape.root().get(field), field);
        JsonNode location = facets == null ? null : facet(facets, "sourceCodeLocation", field + ".facets");
        if (location != null) {
            String path = field + ".facets.sourceCodeLocation";
            EventShape.requireText(location, "url", path + ".url");
            EventShape.optionalText(location, "repoUrl", path + ".repoUrl");
            EventShape.optionalText(location, "version", path + ".version");
        }
        if (field.equals("job")) {
            checkDatasetFacets("inputs");
            checkDatasetFacets("outputs");
        }
    }

    private void checkDatasetFacets(String list) throws InvalidEventException {
        JsonNode datasets = shape.root().get(list);
        if (datasets == null || !datasets.isArray()) {
            return;
        }
        for (int i = 0; i < datasets.size(); i++) {
            String path = list + "[" + i + "]";
            JsonNode facets = facets(datasets.get(i), path);
            if (facets == null) {
                continue;
            }
            JsonNode version = facet(facets, "version", path + ".facets");
            if (version != null) {
                EventShape.requireText(version, "datasetVersion", path + ".facets.version.datasetVersion");
            }
            JsonNode columns = facet(facets, "columnLineage", path + ".facets");
            if (columns != null) {
                checkColumnLineage(columns, path + ".facets.columnLineage");
            }
        }
    }

    private static void checkColumnLineage(JsonNode facet, String path) throws InvalidEventException {
        JsonNode fields = EventShape.requireObject(facet, "fields", path + ".fields");
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + ".fields." + field.getKey();
            if (!field.getValue().isObject()) {
                throw new InvalidEventException(fieldPath, "expected an object, got " + EventShape.describe(field.getValue()));
            }
            JsonNode inputs = field.getValue().get("inputFields");
            if (inputs == null || !inputs.isArray()) {
                throw new InvalidEventException(fieldPath + ".inputFields", inputs == null ? "missing"
                        : "expected an array, got " + EventShape.describe(inputs));
            }
            for (int i = 0; i < inputs.size(); i++) {
                String inputPath = fieldPath + ".inputFields[" + i + "]";
                JsonNode input = inputs.get(i);
                if (!input.isObject()) {
                    throw new InvalidEventException(inputPath, "expected an object, got " + EventShape.describe(input));
                }
                EventShape.requireText(input, "namespace", inputPath + ".namespace");
                EventShape.requireText(input, "name", inputPath + ".name");
                EventShape.requireText(input, "field", inputPath + ".field");
            }
        }
    }

    private static JsonNode facets(JsonNode owner, String path) throws InvalidEventException {
        return owner == null || !owner.isObject() ? null : EventShape.optionalObject(owner, "facets", path + ".facets");
    }

    /** A facet to map, or null when absent or marked {@code _deleted}. */
    private static JsonNode facet(JsonNode facets, String name, String path) throws InvalidEventException {
        JsonNode facet = EventShape.optionalObject(facets, name, path + "." + name);
        return facet == null || facet.path("_deleted").asBoolean(false) ? null : facet;
    }
}
