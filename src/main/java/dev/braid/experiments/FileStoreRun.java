package dev.braid.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one run folder of an MLflow file store into the record the REST path produces. */
final class FileStoreRun {
    /** The file store writes RunStatus as its protobuf number. */
    private static final List<String> STATUSES = List.of("UNKNOWN", "RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
    /** MLflow's rule for a run's latest value: the largest step, then timestamp, then value. */
    private static final Comparator<MetricPoint> LATEST = Comparator.comparingLong(MetricPoint::step)
            .thenComparingLong(MetricPoint::timestamp)
            .thenComparing(p -> p.value() == null ? Double.NaN : p.value());

    private FileStoreRun() {
    }

    /** The run in {@code folder}; empty when the folder is not a run (datasets/, tags/ and the like). */
    static Optional<RemoteRun> read(Path folder) throws IOException {
        Map<String, Object> meta = FileStoreFiles.yaml(folder.resolve("meta.yaml"));
        String runId = FileStoreFiles.text(meta, "run_id");
        if (runId == null) {
            runId = FileStoreFiles.text(meta, "run_uuid");
        }
        if (runId == null) {
            return Optional.empty();
        }
        Map<String, String> tags = FileStoreFiles.values(folder.resolve("tags"));
        String name = FileStoreFiles.text(meta, "run_name");
        List<LatestMetric> metrics = new ArrayList<>();
        for (Map.Entry<String, String> metric : FileStoreFiles.values(folder.resolve("metrics")).entrySet()) {
            metric.getValue().lines().map(FileStoreRun::point).flatMap(Optional::stream).max(LATEST)
                    .ifPresent(p -> metrics.add(new LatestMetric(metric.getKey(), p.value(), p.timestamp(), p.step())));
        }
        return Optional.of(new RemoteRun(runId, FileStoreFiles.text(meta, "experiment_id"),
                name == null || name.isEmpty() ? tags.get("mlflow.runName") : name, FileStoreFiles.text(meta, "user_id"),
                status(FileStoreFiles.number(meta, "status")), FileStoreFiles.number(meta, "start_time"),
                FileStoreFiles.number(meta, "end_time"), orActive(FileStoreFiles.text(meta, "lifecycle_stage")),
                FileStoreFiles.text(meta, "artifact_uri"), FileStoreFiles.values(folder.resolve("params")), metrics, tags,
                datasets(folder)));
    }

    /** One line of a metric file: {@code "<timestamp> <value> [<step>]"}. */
    static Optional<MetricPoint> point(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            // MLflow's file store reads the step only from "<time> <value> <step>" lines; a line that also
            // names a dataset ("<time> <value> <step> <dataset> <digest>") counts as step 0 there, so here too.
            long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
            return Optional.of(new MetricPoint(step, Long.parseLong(parts[0]), FileStoreFiles.metricValue(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<DatasetInput> datasets(Path run) throws IOException {
        List<DatasetInput> out = new ArrayList<>();
        Path datasetsFolder = run.getParent().resolve("datasets");
        for (Path input : FileStoreFiles.folders(run.resolve("inputs"))) {
            Map<String, Object> meta = FileStoreFiles.yaml(input.resolve("meta.yaml"));
            String sourceId = FileStoreFiles.text(meta, "source_id");
            if (!"DATASET".equals(FileStoreFiles.text(meta, "source_type")) || sourceId == null) {
                continue;
            }
            Path datasetMeta = datasetsFolder.resolve(sourceId).resolve("meta.yaml");
            if (!datasetMeta.normalize().startsWith(datasetsFolder) || !Files.isRegularFile(datasetMeta)) {
                continue;
            }
            Map<String, Object> d = FileStoreFiles.yaml(datasetMeta);
            String context = meta.get("tags") instanceof Map<?, ?> tags && tags.get("mlflow.data.context") != null
                    ? String.valueOf(tags.get("mlflow.data.context")) : "";
            String digest = FileStoreFiles.text(d, "digest");
            out.add(new DatasetInput(FileStoreFiles.text(d, "name"), digest == null ? "" : digest,
                    FileStoreFiles.text(d, "source_type"), FileStoreFiles.text(d, "source"), context,
                    FileStoreFiles.text(d, "schema"), FileStoreFiles.text(d, "profile")));
        }
        return out;
    }

    private static String status(Long code) {
        return code == null || code < 0 || code >= STATUSES.size() ? "UNKNOWN" : STATUSES.get(code.intValue());
    }

    private static String orActive(String stage) {
        return stage == null || stage.isEmpty() ? "active" : stage;
    }

}
