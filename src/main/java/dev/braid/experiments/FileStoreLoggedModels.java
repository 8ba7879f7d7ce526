package dev.braid.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the logged models (MLflow 3) of one experiment of a file store:
 * {@code <experiment>/models/<model_id>/meta.yaml} with {@code params/}, {@code tags/} and
 * {@code metrics/}. Like MLflow's file store it keeps, per metric, only the latest value of each
 * dataset (largest step, then time, then value), and leaves deleted models out.
 */
final class FileStoreLoggedModels {
    private FileStoreLoggedModels() {
    }

    static List<LoggedModel> models(Path modelsFolder, long sourceId) throws IOException {
        List<LoggedModel> out = new ArrayList<>();
        for (Path folder : FileStoreFiles.folders(modelsFolder)) {
            Map<String, Object> meta = FileStoreFiles.yaml(folder.resolve("meta.yaml"));
            String id = FileStoreFiles.text(meta, "model_id");
            if (id == null || "deleted".equals(FileStoreFiles.text(meta, "lifecycle_stage"))) {
                continue;
            }
            Long status = FileStoreFiles.number(meta, "status");
            out.add(new LoggedModel(sourceId, id, FileStoreFiles.text(meta, "experiment_id"), FileStoreFiles.text(meta, "name"),
                    FileStoreFiles.text(meta, "source_run_id"), MlflowJson.loggedModelStatus(status == null ? 0 : status),
                    FileStoreFiles.text(meta, "status_message"), FileStoreFiles.text(meta, "model_type"),
                    FileStoreFiles.text(meta, "artifact_location"), FileStoreFiles.number(meta, "creation_timestamp"),
                    FileStoreFiles.number(meta, "last_updated_timestamp"), FileStoreFiles.values(folder.resolve("params")),
                    FileStoreFiles.values(folder.resolve("tags")), metrics(folder.resolve("metrics"))));
        }
        out.sort(Comparator.comparing((LoggedModel m) -> m.creationTimestamp() == null ? 0L : m.creationTimestamp())
                .reversed().thenComparing(LoggedModel::modelId));
        return out;
    }

    /** Lines of {@code "<timestamp> <value> <step> <run_id>[ <dataset name> <dataset digest>]"}. */
    private static List<LoggedModelMetric> metrics(Path folder) throws IOException {
        List<LoggedModelMetric> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String key = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            Map<String, LoggedModelMetric> latest = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ");
                if (parts.length != 4 && parts.length != 6) {
                    continue;
                }
                LoggedModelMetric m = new LoggedModelMetric(key, FileStoreFiles.metricValue(parts[1]),
                        Long.parseLong(parts[0]), Long.parseLong(parts[2]), parts[3],
                        parts.length == 6 ? parts[4] : null, parts.length == 6 ? parts[5] : null);
                latest.merge(m.datasetName() + "\u0000" + m.datasetDigest(), m, (a, b) -> later(a, b) ? a : b);
            }
            out.addAll(latest.values());
        }
        return out;
    }

    private static boolean later(LoggedModelMetric a, LoggedModelMetric b) {
        if (a.step() != b.step()) {
            return a.step() > b.step();
        }
        if (a.timestamp() != b.timestamp()) {
            return a.timestamp() > b.timestamp();
        }
        double av = a.value() == null ? Double.NaN : a.value();
        double bv = b.value() == null ? Double.NaN : b.value();
        return Double.compare(av, bv) >= 0;
    }
}
