package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.lineage.DatasetIdentity.DatasetName;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a validated OpenLineage event onto the graph: the job and its run (status from
 * {@code eventType}), input and output datasets (a {@code version} facet adds a dataset version
 * between the dataset and the run), the {@code parent} run, the {@code sourceCodeLocation} commit (built-from edge to the run, or to the job in a JobEvent),
 * {@code columnLineage} as column links and {@code errorMessage} on the run, and what Airflow's
 * provider says of the DAG run or task try a run is ({@link AirflowRunFacets}). Edges are asserted by
 * {@link #SOURCE} at the event's time.
 */
public final class OpenLineageMapper {
    public static final String SOURCE = "openlineage";
    private static final int MAX_PROPERTY = 4_000;
    private static final java.util.regex.Pattern SHA = java.util.regex.Pattern.compile("[0-9a-fA-F]{4,64}");

    /** The graph changes {@code event} asserts. */
    public GraphChanges map(OpenLineageEvent event) {
        GraphChanges.Builder out = GraphChanges.builder();
        JsonNode root = event.tree();
        Instant at = event.eventTime();
        switch (event.kind()) {
            case "RunEvent" -> mapRun(root, event.eventType(), at, out);
            case "JobEvent" -> {
                NodeId job = job(root.get("job"), at, out);
                sourceCode(root.get("job"), job, at, out);
                datasets(root.get("inputs"), job, true, at, out);
                datasets(root.get("outputs"), job, false, at, out);
            }
            default -> dataset(root.get("dataset"), at, out);
        }
        return out.build();
    }

    private void mapRun(JsonNode root, String eventType, Instant at, GraphChanges.Builder out) {
        JsonNode job = root.get("job");
        NodeId jobId = job(job, at, out);
        String runId = root.get("run").get("runId").asText();
        NodeId run = LineageIds.jobRun(runId);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("runId", runId.toLowerCase(java.util.Locale.ROOT));
        props.put("job", jobId.value());
        if (eventType.equals("START")) {
            props.put("started", at.toString());
        } else if (isTerminal(eventType)) {
            props.put("ended", at.toString());
        }
        JsonNode facets = root.get("run").path("facets");
        JsonNode error = facets.path("errorMessage");
        if (error.isObject() && !error.path("_deleted").asBoolean(false)) {
            props.put("error", clip(error.path("message").asText()));
            if (error.hasNonNull("programmingLanguage")) {
                props.put("errorLanguage", error.get("programmingLanguage").asText());
            }
        }
        Map<String, String> airflowDagRun = AirflowRunFacets.dagRun(facets);
        props.putAll(AirflowRunFacets.taskInstance(facets));
        props.putAll(airflowDagRun);
        out.node(run, runName(job.get("name").asText(), runId), status(eventType), at, props);
        out.edge(jobId, run, EdgeKind.RUN_OF, SOURCE, at);
        JsonNode parent = facets.path("parent");
        if (parent.isObject() && !parent.path("_deleted").asBoolean(false)) {
            String parentRunId = parent.get("run").get("runId").asText();
            NodeId parentJob = LineageIds.job(parent.get("job").get("namespace").asText(), parent.get("job").get("name").asText());
            NodeId parentRun = LineageIds.jobRun(parentRunId);
            Map<String, String> parentProps = new LinkedHashMap<>();
            parentProps.put("runId", parentRunId);
            if (props.containsKey(AirflowRunFacets.TASK_ID)) {
                // A task's parent is its DAG run: say which, in case its own events never come.
                parentProps.putAll(airflowDagRun);
            }
            out.node(parentJob, parent.get("job").get("name").asText(), Map.of("namespace", parent.get("job").get("namespace").asText()));
            out.node(parentRun, runName(parent.get("job").get("name").asText(), parentRunId), parentProps);
            out.edge(parentJob, parentRun, EdgeKind.RUN_OF, SOURCE, at);
            out.edge(parentRun, run, EdgeKind.PARENT, SOURCE, at);
        }
        sourceCode(job, run, at, out);
        datasets(root.get("inputs"), run, true, at, out);
        datasets(root.get("outputs"), run, false, at, out);
    }

    private static NodeId job(JsonNode job, Instant at, GraphChanges.Builder out) {
        String namespace = job.get("namespace").asText();
        String name = job.get("name").asText();
        NodeId id = LineageIds.job(namespace, name);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("namespace", namespace);
        JsonNode docs = job.path("facets").path("documentation").path("description");
        if (docs.isTextual()) {
            props.put("description", clip(docs.asText()));
        }
        out.node(id, name, props);
        return id;
    }

    /** A {@code sourceCodeLocation} with a version: repository → commit → the run (or, in a JobEvent, the job). */
    private static void sourceCode(JsonNode job, NodeId run, Instant at, GraphChanges.Builder out) {
        JsonNode location = job.path("facets").path("sourceCodeLocation");
        if (!location.isObject() || location.path("_deleted").asBoolean(false)) {
            return;
        }
        String version = location.path("version").asText("");
        String repo = location.hasNonNull("repoUrl") ? location.get("repoUrl").asText() : repositoryOf(location.path("url").asText());
        if (!SHA.matcher(version).matches() || repo.isBlank()) {
            return;
        }
        NodeId repoId = LineageIds.repository(repo);
        NodeId commit = LineageIds.commit(repo, version);
        out.nodeWithFallbackName(repoId, LineageIds.repoKey(repo), Map.of("url", repo));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sha", version.toLowerCase(java.util.Locale.ROOT));
        props.put("repository", LineageIds.repoKey(repo));
        if (location.hasNonNull("path")) {
            props.put("path", location.get("path").asText());
        }
        out.nodeWithFallbackName(commit, version.substring(0, Math.min(12, version.length())).toLowerCase(java.util.Locale.ROOT), props);
        out.edge(repoId, commit, EdgeKind.CONTAINS, SOURCE, at);
        out.edge(commit, run, EdgeKind.BUILT_FROM, SOURCE, at);
    }

    /** A browse URL ({@code …/blob/<sha>/path}) names its repository before {@code /blob/} or {@code /tree/}. */
    static String repositoryOf(String url) {
        for (String marker : new String[] {"/blob/", "/tree/", "/-/blob/", "/-/tree/"}) {
            int cut = url.indexOf(marker);
            if (cut > 0) {
                String repo = url.substring(0, cut);
                return repo.endsWith("/-") ? repo.substring(0, repo.length() - 2) : repo;
            }
        }
        return url;
    }

    private static void datasets(JsonNode list, NodeId runOrJob, boolean inputs, Instant at, GraphChanges.Builder out) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode d : list) {
            NodeId node = dataset(d, at, out);
            if (inputs) {
                out.edge(node, runOrJob, EdgeKind.INPUT, SOURCE, at);
            } else {
                out.edge(runOrJob, node, EdgeKind.OUTPUT, SOURCE, at);
                NodeId dataset = DatasetIdentity.fromOpenLineage(d.get("namespace").asText(), d.get("name").asText()).nodeId();
                if (!dataset.equals(node)) {
                    // Writing a version also changes the dataset itself: readers that name no
                    // version (and labels carried down) must see the writer upstream of them.
                    out.edge(runOrJob, dataset, EdgeKind.OUTPUT, SOURCE, at);
                }
                columns(d, at, out);
            }
        }
    }

    /** Writes the dataset (and its version, when the {@code version} facet names one); returns the node runs link to. */
    private static NodeId dataset(JsonNode d, Instant at, GraphChanges.Builder out) {
        DatasetName name = DatasetIdentity.fromOpenLineage(d.get("namespace").asText(), d.get("name").asText());
        NodeId dataset = name.nodeId();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("namespace", name.namespace());
        props.put("uri", name.uri());
        String schema = schema(d.path("facets").path("schema"));
        if (!schema.isEmpty()) {
            props.put("schema", schema);
        }
        // A dataset named without any facet carries no name of its own, only its identity: it names
        // the node only if no other source (DVC, MLflow) has named it already.
        if (hasFacets(d)) {
            out.node(dataset, name.name(), props);
        } else {
            out.nodeWithFallbackName(dataset, name.name(), props);
        }
        JsonNode version = d.path("facets").path("version");
        if (!version.isObject() || version.path("_deleted").asBoolean(false) || !version.path("datasetVersion").isTextual()) {
            return dataset;
        }
        String v = version.get("datasetVersion").asText().strip();
        NodeId versionId = name.versionId(v);
        out.node(versionId, name.name() + "@" + (v.length() > 12 ? v.substring(0, 12) : v), Map.of("version", v, "dataset", dataset.value()));
        out.edge(dataset, versionId, EdgeKind.VERSION, SOURCE, at);
        return versionId;
    }

    private static boolean hasFacets(JsonNode dataset) {
        JsonNode facets = dataset.path("facets");
        return facets.isObject() && facets.size() > 0;
    }

    private static void columns(JsonNode d, Instant at, GraphChanges.Builder out) {
        JsonNode facet = d.path("facets").path("columnLineage");
        if (!facet.isObject() || facet.path("_deleted").asBoolean(false)) {
            return;
        }
        NodeId dataset = DatasetIdentity.fromOpenLineage(d.get("namespace").asText(), d.get("name").asText()).nodeId();
        Iterator<Map.Entry<String, JsonNode>> fields = facet.path("fields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String transformation = field.getValue().path("transformationType").asText("");
            for (JsonNode input : field.getValue().path("inputFields")) {
                NodeId from = DatasetIdentity.fromOpenLineage(input.get("namespace").asText(), input.get("name").asText()).nodeId();
                String type = transformation.isEmpty() ? input.path("transformations").path(0).path("type").asText("") : transformation;
                out.column(new GraphChanges.ColumnLink(dataset, field.getKey(), from, input.get("field").asText(), type, SOURCE, at));
            }
        }
    }

    private static String schema(JsonNode facet) {
        StringBuilder out = new StringBuilder();
        for (JsonNode field : facet.path("fields")) {
            if (field.hasNonNull("name")) {
                out.append(out.length() == 0 ? "" : ", ").append(field.get("name").asText());
                if (field.hasNonNull("type")) {
                    out.append(' ').append(field.get("type").asText());
                }
            }
        }
        return clip(out.toString());
    }

    /** A run's state: START and RUNNING are RUNNING, COMPLETE, FAIL as FAILED, ABORT as ABORTED; OTHER says nothing. */
    static String status(String eventType) {
        return switch (eventType) {
            case "START", "RUNNING" -> "RUNNING";
            case "COMPLETE" -> "COMPLETE";
            case "FAIL" -> "FAILED";
            case "ABORT" -> "ABORTED";
            default -> "";
        };
    }

    private static boolean isTerminal(String eventType) {
        return eventType.equals("COMPLETE") || eventType.equals("FAIL") || eventType.equals("ABORT");
    }

    /** The job's name and the run id's last eight digits (its first ones are a timestamp in version 7 UUIDs). */
    private static String runName(String job, String runId) {
        return job + " #" + runId.substring(Math.max(0, runId.length() - 8)).toLowerCase(java.util.Locale.ROOT);
    }

    private static String clip(String text) {
        return text.length() <= MAX_PROPERTY ? text : text.substring(0, MAX_PROPERTY) + "…";
    }
}
