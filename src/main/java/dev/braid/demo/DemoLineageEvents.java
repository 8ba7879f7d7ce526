package dev.braid.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.JobData;
import dev.braid.pipelines.PipelineStatus;
import dev.braid.pipelines.RunData;
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
    private static final String AIRFLOW_VERSION = "2.10.5";
    private static final String PROVIDER_VERSION = "1.14.0";
    private static final String AIRFLOW_PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/" + PROVIDER_VERSION;
    private static final String AIRFLOW_FACET_SCHEMA = "https://airflow.apache.org/jobs/openlineage/facets/AirflowRunFacet.json";
    private static final List<String> COLUMNS = List.of("customer_id", "tenure", "monthly_charges", "support_calls",
            "contract_type", "churned");
    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final long seed;

    DemoLineageEvents(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The version of the training data a run started at {@code timeMillis} read: one per 28 days. */
    static String refreshOf(long timeMillis) {
        return String.format(Locale.ROOT, "%08x", (timeMillis / REFRESH_MILLIS) * 2654435761L & 0xffffffffL);
    }

    /**
     * Writes the events for {@code commits} (oldest first) to {@code file}, in time order; returns how
     * many. They are the ones Airflow's OpenLineage provider sends for the demo's Airflow history
     * ({@link DemoAirflow}, same seed): each DAG run's START and, once it ended, COMPLETE (job
     * {@code <dag_id>}, {@code airflowDagRun} facet), and each try of its tasks that read or wrote
     * data (job {@code <dag_id>.<task_id>}, {@code airflow} facet naming the DAG run, task and try,
     * {@code parent} facet pointing at the DAG run), all with {@code processing_engine}.
     */
    int write(Path file, Path repository, List<DemoMlflowStore.Commit> commits) throws IOException {
        Map<String, DemoMlflowStore.Commit> bySha = new LinkedHashMap<>();
        commits.forEach(c -> bySha.putIfAbsent(c.id(), c));
        String repoUrl = repository.toAbsolutePath().normalize().toUri().toString();
        List<ObjectNode> events = new ArrayList<>();
        for (RunData dagRun : new DemoAirflow(seed).runs(commits, new LinkedHashMap<>())) {
            DemoMlflowStore.Commit commit = bySha.get(dagRun.sha);
            String dag = dagRun.pipeline;
            String airflowRunId = dagRun.runId.substring(dag.length() + 1);
            String dagRunUuid = UUID.nameUUIDFromBytes((dag + "/" + airflowRunId).getBytes(StandardCharsets.UTF_8)).toString();
            AirflowRun airflow = new AirflowRun(dag, airflowRunId, dagRunUuid, dagRun.event);
            events.add(dagRunEvent("START", dagRun.startedAt, airflow));
            if (dagRun.finishedAt != null) {
                events.add(dagRunEvent(dagRun.status == PipelineStatus.SUCCESS ? "COMPLETE" : "FAIL", dagRun.finishedAt, airflow));
            }
            for (JobData task : dagRun.jobs) {
                if (task.finishedAt == null) {
                    continue;
                }
                String error = task.status == PipelineStatus.FAILED
                        ? "connection to crm.acme.internal:5432 timed out after 30 s" : null;
                AirflowTask at = new AirflowTask(airflow, task.name, task.attempt, task.startedAt, task.finishedAt);
                if (task.name.equals("build_holdout")) {
                    events.addAll(run(at, commit, repoUrl, "pipelines/holdout.py",
                            List.of(dataset(CRM, "crm.public.customers", null)),
                            List.of(dataset(BUCKET, HOLDOUT, HOLDOUT_VERSION)), null));
                } else if (task.name.equals("ingest_customers")) {
                    events.addAll(run(at, commit, repoUrl, "pipelines/ingest.py",
                            List.of(dataset(CRM, "crm.public.customers", null)),
                            error != null ? List.of() : List.of(withColumnLineage(dataset(BUCKET, CUSTOMERS,
                                    refreshOf(commit.timeMillis())))), error));
                }
            }
        }
        events.sort(java.util.Comparator.comparing(e -> Instant.parse(e.get("eventTime").asText())));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ObjectNode event : events) {
                out.write(json.writeValueAsString(event));
                out.write('\n');
            }
        }
        return events.size();
    }

    /** A DAG run as the provider's facets name it: DAG id, Airflow's run id, the OpenLineage run id, its run type. */
    private record AirflowRun(String dag, String runId, String uuid, String runType) {
    }

    /** A try of a task of a DAG run, and when it ran. */
    private record AirflowTask(AirflowRun dagRun, String task, int tryNumber, long start, long end) {
    }

    /** A task try's START event and its COMPLETE (or FAIL, with the error) when it ended. */
    private List<ObjectNode> run(AirflowTask task, DemoMlflowStore.Commit commit, String repoUrl, String codePath,
                                 List<ObjectNode> inputs, List<ObjectNode> outputs, String error) {
        String runId = new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
        String job = task.dagRun().dag() + "." + task.task();
        ObjectNode start = event("START", task.start(), runId, job, commit, repoUrl, codePath, inputs, List.of());
        ObjectNode end = event(error == null ? "COMPLETE" : "FAIL", task.end(), runId, job, commit, repoUrl,
                codePath, inputs, outputs);
        for (ObjectNode event : List.of(start, end)) {
            ObjectNode facets = (ObjectNode) event.get("run").get("facets");
            facets.set("parent", parent(task.dagRun()));
            facets.set("airflow", airflowFacet(task));
            facets.set("airflow_version", airflowVersion(task.task()));
            facets.set("processing_engine", processingEngine());
        }
        if (error != null) {
            ObjectNode facet = facet("ErrorMessageRunFacet");
            facet.put("message", error);
            facet.put("programmingLanguage", "python");
            ((ObjectNode) end.get("run").get("facets")).set("errorMessage", facet);
        }
        return List.of(start, end);
    }

    /** A DAG run's event: job {@code <dag_id>}, with the {@code airflowDagRun} facet. */
    private ObjectNode dagRunEvent(String type, long millis, AirflowRun dagRun) {
        ObjectNode event = json.createObjectNode();
        event.put("eventType", type);
        event.put("eventTime", Instant.ofEpochMilli(millis).toString());
        ObjectNode run = event.putObject("run");
        run.put("runId", dagRun.uuid());
        ObjectNode facets = run.putObject("facets");
        ObjectNode facet = facet("AirflowDagRunFacet", AIRFLOW_FACET_SCHEMA);
        facet.set("dag", dagInfo(dagRun.dag()));
        facet.set("dagRun", dagRunInfo(dagRun));
        facets.set("airflowDagRun", facet);
        facets.set("processing_engine", processingEngine());
        ObjectNode job = event.putObject("job");
        job.put("namespace", NAMESPACE);
        job.put("name", dagRun.dag());
        ObjectNode jobType = facet("JobTypeJobFacet");
        jobType.put("processingType", "BATCH");
        jobType.put("integration", "AIRFLOW");
        jobType.put("jobType", "DAG");
        job.putObject("facets").set("jobType", jobType);
        event.putArray("inputs");
        event.putArray("outputs");
        event.put("producer", AIRFLOW_PRODUCER);
        event.put("schemaURL", SCHEMA);
        return event;
    }

    private ObjectNode parent(AirflowRun dagRun) {
        ObjectNode facet = facet("ParentRunFacet");
        facet.putObject("run").put("runId", dagRun.uuid());
        facet.putObject("job").put("namespace", NAMESPACE).put("name", dagRun.dag());
        return facet;
    }

    /** The provider's {@code airflow} run facet: the DAG, its run, the task and which try of it this is. */
    private ObjectNode airflowFacet(AirflowTask task) {
        ObjectNode facet = facet("AirflowRunFacet", AIRFLOW_FACET_SCHEMA);
        facet.set("dag", dagInfo(task.dagRun().dag()));
        facet.set("dagRun", dagRunInfo(task.dagRun()));
        ObjectNode info = facet.putObject("task");
        info.put("task_id", task.task());
        info.put("operator_class", "PythonOperator");
        info.put("retries", task.task().equals("ingest_customers") ? 2 : 0);
        ObjectNode instance = facet.putObject("taskInstance");
        instance.put("try_number", task.tryNumber());
        instance.put("map_index", -1);
        instance.put("pool", "default_pool");
        facet.put("taskUuid", UUID.nameUUIDFromBytes((task.dagRun().uuid() + "/" + task.task() + "#" + task.tryNumber())
                .getBytes(StandardCharsets.UTF_8)).toString());
        return facet;
    }

    private ObjectNode dagInfo(String dag) {
        ObjectNode info = json.createObjectNode();
        info.put("dag_id", dag);
        info.put("owner", "data-eng");
        return info;
    }

    private ObjectNode dagRunInfo(AirflowRun dagRun) {
        ObjectNode info = json.createObjectNode();
        info.put("dag_id", dagRun.dag());
        info.put("run_id", dagRun.runId());
        info.put("run_type", dagRun.runType());
        return info;
    }

    private ObjectNode airflowVersion(String task) {
        ObjectNode facet = facet("AirflowVersionRunFacet", AIRFLOW_FACET_SCHEMA);
        facet.put("operator", "airflow.providers.standard.operators.python.PythonOperator");
        facet.put("taskInfo", task);
        facet.put("airflowVersion", AIRFLOW_VERSION);
        facet.put("openlineageAirflowVersion", PROVIDER_VERSION);
        return facet;
    }

    private ObjectNode processingEngine() {
        ObjectNode facet = facet("ProcessingEngineRunFacet");
        facet.put("version", AIRFLOW_VERSION);
        facet.put("name", "Airflow");
        facet.put("openlineageAdapterVersion", PROVIDER_VERSION);
        return facet;
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

    /** A facet Airflow's provider defines, with its schema there. */
    private ObjectNode facet(String name, String schemaBase) {
        ObjectNode facet = json.createObjectNode();
        facet.put("_producer", AIRFLOW_PRODUCER);
        facet.put("_schemaURL", schemaBase + "#/$defs/" + name);
        return facet;
    }
}
