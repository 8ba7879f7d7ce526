package dev.braid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a JSON Lines file of OpenLineage RunEvents as the Python client's file transport does
 * with {@code append: true}: one event per line, times as Python's {@code isoformat()} writes them.
 * A year of a data platform (seed 7, so every run writes the same file): 400 jobs in 8 namespaces,
 * each reading one to three datasets of one of 8 layers of 300 datasets and writing one or two of
 * the next layer. Every run has a version 7 UUID, a START and then a COMPLETE (or, one in ten, a
 * FAIL with an {@code errorMessage}); a {@code sourceCodeLocation} at a commit that changes every
 * few dozen runs; a {@code parent} facet naming the run of its DAG; outputs carry {@code schema}
 * facets, {@code version} facets (object stores and lakehouse tables, not databases) and, one in
 * five, {@code columnLineage}; inputs carry the version last written, where there is one.
 * After the {@code events} distinct events come {@code repeats} events written again (a client
 * retrying) and {@code broken} lines the importer must refuse, spread through the file.
 *
 * <pre>java dev.braid.bench.LineageEventsGenerator FILE [EVENTS] [REPEATS] [BROKEN]</pre>
 */
public final class LineageEventsGenerator {
    static final String PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/airflow";
    static final String SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String FACETS = "https://openlineage.io/spec/facets/";
    private static final DateTimeFormatter PYTHON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);
    private static final int LAYERS = 8;
    private static final int JOBS = 400;
    private static final int NAMESPACES = 8;
    private static final long START = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(7);
    private final Map<String, String> latestVersion = new HashMap<>();
    private final Job[] jobs = new Job[JOBS];
    private long clock = START;

    private record Job(String namespace, String name, String dag, String repo, String path, int[] inputs, int[] outputs) {
    }

    /** Counts of what was written. */
    record Written(int events, int repeats, int broken) {
        int lines() {
            return events + repeats + broken;
        }
    }

    public static void main(String[] args) throws IOException {
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int broken = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Written written = new LineageEventsGenerator().write(Path.of(args[0]), events, repeats, broken);
        System.out.printf("wrote %,d lines: %,d events, %,d repeated, %,d broken%n", written.lines(), written.events(),
                written.repeats(), written.broken());
    }

    LineageEventsGenerator() {
        for (int j = 0; j < JOBS; j++) {
            int layer = j % (LAYERS - 1);
            int ns = j % NAMESPACES;
            String namespace = "airflow-" + List.of("ingest", "core", "marts", "ml", "finance", "growth", "risk", "ops").get(ns);
            String dag = "dag_" + (j / 10);
            jobs[j] = new Job(namespace, dag + ".task_" + j, dag, "https://github.com/acme/pipelines-" + ns,
                    "dags/" + dag + "/task_" + j + ".py", pick(layer, 1 + random.nextInt(3)), pick(layer + 1, 1 + random.nextInt(2)));
        }
    }

    Written write(Path file, int events, int repeats, int broken) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> kept = new ArrayList<>();
        int extraEvery = repeats + broken == 0 ? Integer.MAX_VALUE : Math.max(1, events / (repeats + broken));
        int written = 0;
        int repeated = 0;
        int refused = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < events) {
                for (String line : run(events - written >= 2)) {
                    out.write(line);
                    out.write('\n');
                    if (kept.isEmpty() || random.nextInt(100) == 0) {
                        kept.add(line);
                    }
                    written++;
                    if (written % extraEvery == 0 && (repeated < repeats || refused < broken)) {
                        if (repeated < repeats && (refused >= broken || random.nextInt(repeats + broken) < repeats)) {
                            out.write(kept.get(random.nextInt(kept.size())));
                            repeated++;
                        } else {
                            out.write(broken(refused++));
                        }
                        out.write('\n');
                    }
                }
            }
        }
        return new Written(written, repeated, refused);
    }

    /** The events of one run: START and its end, or only an end when one more event is wanted. */
    private List<String> run(boolean both) throws IOException {
        Job job = jobs[random.nextInt(JOBS)];
        clock += 300 + random.nextInt(600_000);
        long started = clock;
        UUID runId = uuid7(started);
        UUID parent = dagRun(job, started);
        String sha = sha(job, started);
        List<String> lines = new ArrayList<>(2);
        if (both) {
            lines.add(json.writeValueAsString(event("START", started, runId, parent, job, sha, false)));
        }
        boolean failed = random.nextInt(10) == 0;
        long ended = started + 5_000 + random.nextInt(3_600_000);
        lines.add(json.writeValueAsString(event(failed ? "FAIL" : "COMPLETE", ended, runId, parent, job, sha, !failed)));
        return lines;
    }

    private ObjectNode event(String type, long millis, UUID runId, UUID parent, Job job, String sha, boolean outputs) {
        ObjectNode e = json.createObjectNode();
        e.put("eventTime", PYTHON_TIME.format(Instant.ofEpochMilli(millis)));
        e.put("producer", PRODUCER);
        e.put("schemaURL", SCHEMA);
        e.put("eventType", type);
        ObjectNode run = e.putObject("run");
        run.put("runId", runId.toString());
        ObjectNode runFacets = run.putObject("facets");
        ObjectNode p = facet("ParentRunFacet", "1-0-1");
        p.putObject("run").put("runId", parent.toString());
        p.putObject("job").put("namespace", job.namespace()).put("name", job.dag());
        runFacets.set("parent", p);
        ObjectNode nominal = facet("NominalTimeRunFacet", "1-0-1");
        nominal.put("nominalStartTime", PYTHON_TIME.format(Instant.ofEpochMilli(millis - millis % 3_600_000L)));
        runFacets.set("nominalTime", nominal);
        if (type.equals("FAIL")) {
            ObjectNode error = facet("ErrorMessageRunFacet", "1-0-1");
            error.put("message", "Task failed: " + List.of("connection reset by peer", "OOM killed", "schema mismatch in column amount",
                    "timeout after 3600 s").get(random.nextInt(4)));
            error.put("programmingLanguage", "python");
            error.put("stackTrace", "Traceback (most recent call last):\n  File \"" + job.path() + "\", line 42, in run\n");
            runFacets.set("errorMessage", error);
        }
        ObjectNode j = e.putObject("job");
        j.put("namespace", job.namespace());
        j.put("name", job.name());
        ObjectNode jobFacets = j.putObject("facets");
        ObjectNode location = facet("SourceCodeLocationJobFacet", "1-0-1");
        location.put("type", "git");
        location.put("url", job.repo() + "/blob/" + sha + "/" + job.path());
        location.put("repoUrl", job.repo() + ".git");
        location.put("path", job.path());
        location.put("version", sha);
        location.put("branch", "main");
        jobFacets.set("sourceCodeLocation", location);
        ObjectNode jobType = facet("JobTypeJobFacet", "2-0-3");
        jobType.put("processingType", "BATCH").put("integration", "AIRFLOW").put("jobType", "TASK");
        jobFacets.set("jobType", jobType);
        ArrayNode in = e.putArray("inputs");
        for (int d : job.inputs()) {
            ObjectNode dataset = dataset(d);
            String version = latestVersion.get(PlatformDatasets.key(d));
            if (version != null) {
                ((ObjectNode) dataset.get("facets")).set("version", version(version));
            }
            in.add(dataset);
        }
        ArrayNode out = e.putArray("outputs");
        if (outputs) {
            for (int d : job.outputs()) {
                ObjectNode dataset = dataset(d);
                ObjectNode facets = (ObjectNode) dataset.get("facets");
                facets.set("schema", schema(d));
                if (PlatformDatasets.versioned(d)) {
                    String version = Long.toHexString(random.nextLong() | Long.MIN_VALUE);
                    latestVersion.put(PlatformDatasets.key(d), version);
                    facets.set("version", version(version));
                }
                if (random.nextInt(5) == 0) {
                    facets.set("columnLineage", columnLineage(d, job.inputs()));
                }
                out.add(dataset);
            }
        }
        return e;
    }

    private ObjectNode dataset(int d) {
        ObjectNode dataset = json.createObjectNode();
        dataset.put("namespace", PlatformDatasets.namespace(d));
        dataset.put("name", PlatformDatasets.name(d));
        dataset.putObject("facets");
        return dataset;
    }

    private ObjectNode schema(int d) {
        ObjectNode facet = facet("SchemaDatasetFacet", "1-1-1");
        ArrayNode fields = facet.putArray("fields");
        for (int f = 0; f < 5 + d % 4; f++) {
            fields.addObject().put("name", PlatformDatasets.field(d, f)).put("type", PlatformDatasets.type(d, f));
        }
        return facet;
    }

    private ObjectNode columnLineage(int d, int[] inputs) {
        ObjectNode facet = facet("ColumnLineageDatasetFacet", "1-2-0");
        ObjectNode fields = facet.putObject("fields");
        for (int f = 0; f < 5; f++) {
            ObjectNode field = fields.putObject(PlatformDatasets.field(d, f));
            ArrayNode from = field.putArray("inputFields");
            for (int k = 0; k <= f % 2; k++) {
                int input = inputs[(f + k) % inputs.length];
                ObjectNode link = from.addObject();
                link.put("namespace", PlatformDatasets.namespace(input)).put("name", PlatformDatasets.name(input))
                        .put("field", PlatformDatasets.field(input, (f + k) % 5));
                link.putArray("transformations").addObject().put("type", f == 0 ? "DIRECT" : "INDIRECT")
                        .put("subtype", f == 0 ? "IDENTITY" : "AGGREGATION").put("masking", false);
            }
        }
        return facet;
    }

    private ObjectNode version(String version) {
        return facet("DatasetVersionDatasetFacet", "1-0-1").put("datasetVersion", version);
    }

    private ObjectNode facet(String name, String version) {
        ObjectNode facet = json.createObjectNode();
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", FACETS + name + ".json#/$defs/" + name + "/" + version);
        return facet;
    }

    /** The commit a job's code was at: a new one every few dozen runs of the job. */
    private static String sha(Job job, long millis) {
        long epoch = (millis - START) / (14L * 86_400_000L);
        return String.format(Locale.ROOT, "%016x%016x%08x", (job.repo() + epoch).hashCode() * 0x9E3779B97F4A7C15L,
                epoch * 0xC2B2AE3D27D4EB4FL + job.path().hashCode(), (int) epoch);
    }

    private UUID uuid7(long millis) {
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0fff);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The run of the job's DAG on the day of {@code millis}: the same for every task of that DAG that day. */
    private static UUID dagRun(Job job, long millis) {
        long day = millis - millis % 86_400_000L;
        long hash = job.dag().hashCode() * 0x9E3779B97F4A7C15L;
        return new UUID((day << 16) | 0x7000L | (hash & 0x0fff), (hash >>> 2) | 0x8000000000000000L);
    }

    private int[] pick(int layer, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = layer * PlatformDatasets.PER_LAYER + random.nextInt(PlatformDatasets.PER_LAYER);
        }
        return out;
    }

    private static String broken(int n) {
        return switch (n % 4) {
            case 0 -> "{\"eventTime\": \"2025-03-01T10:00:00.000000+00:00\", \"producer\": \"" + PRODUCER + "\", \"schemaURL\": ";
            case 1 -> "{\"eventTime\": \"2025-03-01T10:00:00.000000+00:00\", \"producer\": \"" + PRODUCER + "\", \"schemaURL\": \""
                    + SCHEMA + "\", \"eventType\": \"START\", \"run\": {\"runId\": \"not-a-uuid-" + n + "\"},"
                    + " \"job\": {\"namespace\": \"airflow-core\", \"name\": \"broken\"}}";
            case 2 -> "{\"eventTime\": \"yesterday\", \"producer\": \"" + PRODUCER + "\", \"schemaURL\": \"" + SCHEMA
                    + "\", \"eventType\": \"COMPLETE\", \"run\": {\"runId\": \"0190a6e2-3c4d-7e5f-8a6b-7c8d9e0f1a2" + (n % 10)
                    + "\"}, \"job\": {\"namespace\": \"airflow-core\", \"name\": \"broken\"}}";
            default -> "{\"eventTime\": \"2025-03-01T10:00:00.000000+00:00\", \"producer\": \"" + PRODUCER + "\", \"schemaURL\": \""
                    + SCHEMA + "\", \"eventType\": \"DONE\", \"run\": {\"runId\": \"0190a6e2-3c4d-7e5f-8a6b-7c8d9e0f1a2" + (n % 10)
                    + "\"}, \"job\": {\"namespace\": \"airflow-core\", \"name\": \"broken\"}}";
        };
    }
}
