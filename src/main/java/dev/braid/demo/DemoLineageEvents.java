package dev.braid.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The OpenLineage events the demo's data pipelines would have emitted, written as the Python
 * client's file transport does with {@code append: true} (one JSON event per line). Every few
 * weeks an ingest job copies the CRM's customers table to {@code customers.parquet} in S3 (a new
 * version each time, the digest the demo's MLflow runs record for their training data) from code
 * at a commit of the demo repository; a one-off job builds the holdout set; one ingest attempt
 * fails before it is retried.
 */
final class DemoLineageEvents {
    static final String NAMESPACE = "demo-airflow";
    static final String BUCKET = "s3://acme-ml-artifacts";
    static final String CUSTOMERS = "churn-predictor/customers.parquet";
    static final String HOLDOUT = "churn-predictor/holdout.parquet";
    static final String CUSTOMERS_URI = BUCKET + "/" + CUSTOMERS;
    static final String HOLDOUT_URI = BUCKET + "/" + HOLDOUT;
    static final String HOLDOUT_VERSION = "5e1d0c2a";
    private static final long REFRESH_MILLIS = 28L * 86_400_000L;
    private static final String CRM = "postgres://crm.acme.internal:5432";
    private static final String PRODUCER = "https://github.com/braid-dev/braid/demo";
    private static final String SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent";
    private static final String FACET_SCHEMA = "https://openlineage.io/spec/facets/1-0-0/";
    private static final List<String> COLUMNS = List.of("customer_id", "tenure", "monthly_charges", "support_calls",
            "contract_type", "churned");
    private final ObjectMapper json = new ObjectMapper();
    private final Random random;

    DemoLineageEvents(long seed) {
        this.random = new Random(seed);
    }

    /** The version of the training data a run started at {@code timeMillis} read: one per 28 days. */
    static String refreshOf(long timeMillis) {
        return String.format(Locale.ROOT, "%08x", (timeMillis / REFRESH_MILLIS) * 2654435761L & 0xffffffffL);
    }

    /** Writes the events for {@code commits} (oldest first) to {@code file}; returns how many. */
    int write(Path file, Path repository, List<DemoMlflowStore.Commit> commits) throws IOException {
        Map<String, DemoMlflowStore.Commit> firstOfRefresh = new LinkedHashMap<>();
        for (DemoMlflowStore.Commit commit : commits) {
            firstOfRefresh.putIfAbsent(refreshOf(commit.timeMillis()), commit);
        }
        List<ObjectNode> events = new ArrayList<>();
        String repoUrl = repository.toAbsolutePath().normalize().toUri().toString();
        DemoMlflowStore.Commit first = commits.get(0);
        events.addAll(run("churn.build_holdout", first, first.timeMillis() + 30_000L, repoUrl, "pipelines/holdout.py",
                List.of(dataset(CRM, "crm.public.customers", null)),
                List.of(dataset(BUCKET, HOLDOUT, HOLDOUT_VERSION)), null));
        int index = 0;
        for (Map.Entry<String, DemoMlflowStore.Commit> refresh : firstOfRefresh.entrySet()) {
            // Right after the first commit of each period, before any training run of it starts.
            DemoMlflowStore.Commit commit = refresh.getValue();
            long start = commit.timeMillis() + 60_000L;
            if (index++ == firstOfRefresh.size() / 2) {
                events.addAll(run("churn.ingest_customers", commit, start, repoUrl, "pipelines/ingest.py",
                        List.of(dataset(CRM, "crm.public.customers", null)), List.of(),
                        "connection to crm.acme.internal:5432 timed out after 30 s"));
                start += 240_000L;
            }
            events.addAll(run("churn.ingest_customers", commit, start, repoUrl, "pipelines/ingest.py",
                    List.of(dataset(CRM, "crm.public.customers", null)),
                    List.of(withColumnLineage(dataset(BUCKET, CUSTOMERS, refresh.getKey()))), null));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ObjectNode event : events) {
                out.write(json.writeValueAsString(event));
                out.write('\n');
            }
        }
        return events.size();
    }

    /** A START event and its COMPLETE (or FAIL, with the error) three minutes later. */
    private List<ObjectNode> run(String job, DemoMlflowStore.Commit commit, long startMillis, String repoUrl,
                                 String codePath, List<ObjectNode> inputs, List<ObjectNode> outputs, String error) {
        String runId = new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
        ObjectNode start = event("START", startMillis, runId, job, commit, repoUrl, codePath, inputs, List.of());
        ObjectNode end = event(error == null ? "COMPLETE" : "FAIL", startMillis + 180_000L, runId, job, commit, repoUrl,
                codePath, inputs, outputs);
        if (error != null) {
            ObjectNode facet = facet("ErrorMessageRunFacet");
            facet.put("message", error);
            facet.put("programmingLanguage", "python");
            ((ObjectNode) end.get("run").get("facets")).set("errorMessage", facet);
        }
        return List.of(start, end);
    }

    private ObjectNode event(String type, long millis, String runId, String job, DemoMlflowStore.Commit commit,
                             String repoUrl, String codePath, List<ObjectNode> inputs, List<ObjectNode> outputs) {
        ObjectNode event = json.createObjectNode();
        event.put("eventType", type);
        event.put("eventTime", Instant.ofEpochMilli(millis).toString());
        ObjectNode run = event.putObject("run");
        run.put("runId", runId);
        run.putObject("facets");
        ObjectNode jobNode = event.putObject("job");
        jobNode.put("namespace", NAMESPACE);
        jobNode.put("name", job);
        ObjectNode location = facet("SourceCodeLocationJobFacet");
        location.put("type", "git");
        location.put("url", repoUrl);
        location.put("repoUrl", repoUrl);
        location.put("path", codePath);
        location.put("version", commit.id());
        jobNode.putObject("facets").set("sourceCodeLocation", location);
        ArrayNode in = event.putArray("inputs");
        inputs.forEach(in::add);
        ArrayNode out = event.putArray("outputs");
        outputs.forEach(out::add);
        event.put("producer", PRODUCER);
        event.put("schemaURL", SCHEMA);
        return event;
    }

    private ObjectNode dataset(String namespace, String name, String version) {
        ObjectNode dataset = json.createObjectNode();
        dataset.put("namespace", namespace);
        dataset.put("name", name);
        ObjectNode facets = dataset.putObject("facets");
        if (version != null) {
            ObjectNode facet = facet("DatasetVersionDatasetFacet");
            facet.put("datasetVersion", version);
            facets.set("version", facet);
        }
        return dataset;
    }

    private ObjectNode withColumnLineage(ObjectNode dataset) {
        ObjectNode facet = facet("ColumnLineageDatasetFacet");
        ObjectNode fields = facet.putObject("fields");
        for (String column : COLUMNS) {
            ObjectNode input = json.createObjectNode();
            input.put("namespace", CRM);
            input.put("name", "crm.public.customers");
            input.put("field", column.equals("churned") ? "cancelled_at" : column);
            ObjectNode field = fields.putObject(column);
            field.putArray("inputFields").add(input);
            field.put("transformationDescription", column.equals("churned") ? "cancelled_at IS NOT NULL" : "identity");
            field.put("transformationType", column.equals("churned") ? "MASKED" : "IDENTITY");
        }
        ((ObjectNode) dataset.get("facets")).set("columnLineage", facet);
        return dataset;
    }

    private ObjectNode facet(String name) {
        ObjectNode facet = json.createObjectNode();
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", FACET_SCHEMA + name + ".json");
        return facet;
    }
}
