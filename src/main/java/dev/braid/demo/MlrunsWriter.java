package dev.braid.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the files of an MLflow file store ({@code mlruns/}) in the layout MLflow itself writes:
 * {@code meta.yaml} files, one file per param and tag, metric files of
 * {@code "<timestamp> <value> <step>"} lines, dataset inputs and the model registry.
 */
final class MlrunsWriter {
    /** MLflow's RunStatus numbers, as the file store keeps them. */
    static final int RUNNING = 1;
    static final int FINISHED = 3;
    static final int FAILED = 4;
    private final Path root;

    MlrunsWriter(Path root) {
        this.root = root;
    }

    void experiment(String id, String name, long created, Map<String, String> tags) throws IOException {
        Path folder = root.resolve(id);
        write(folder.resolve("meta.yaml"), "artifact_location: " + quote(folder.toUri().toString()) + "\n"
                + "creation_time: " + created + "\nexperiment_id: " + quote(id) + "\nlast_update_time: " + created
                + "\nlifecycle_stage: active\nname: " + quote(name) + "\n");
        values(folder.resolve("tags"), tags);
    }

    record Run(String experimentId, String runId, String name, String user, int status, long start, Long end,
               boolean deleted, Map<String, String> params, Map<String, String> tags) {
    }

    void run(Run run) throws IOException {
        Path folder = root.resolve(run.experimentId()).resolve(run.runId());
        write(folder.resolve("meta.yaml"), "artifact_uri: " + quote(folder.resolve("artifacts").toUri().toString())
                + "\nend_time: " + (run.end() == null ? "null" : run.end()) + "\nentry_point_name: ''\nexperiment_id: "
                + quote(run.experimentId()) + "\nlifecycle_stage: " + (run.deleted() ? "deleted" : "active")
                + "\nrun_id: " + run.runId() + "\nrun_name: " + quote(run.name()) + "\nrun_uuid: " + run.runId()
                + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: " + run.start() + "\nstatus: "
                + run.status() + "\ntags: []\nuser_id: " + quote(run.user()) + "\n");
        Files.createDirectories(folder.resolve("artifacts"));
        values(folder.resolve("params"), run.params());
        values(folder.resolve("tags"), run.tags());
    }

    /** The run's artifact folder, which {@link #run} creates. */
    Path artifacts(String experimentId, String runId) {
        return root.resolve(experimentId).resolve(runId).resolve("artifacts");
    }

    record Point(long timestamp, double value, long step) {
    }

    void metric(String experimentId, String runId, String key, List<Point> points) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Point p : points) {
            text.append(p.timestamp()).append(' ').append(String.format(Locale.ROOT, "%.6f", p.value())).append(' ')
                    .append(p.step()).append('\n');
        }
        write(root.resolve(experimentId).resolve(runId).resolve("metrics").resolve(key), text.toString());
    }

    /** A dataset of an experiment and its use as an input of one run. */
    void datasetInput(String experimentId, String runId, String datasetId, String inputId, String name, String digest,
                      String source, String context) throws IOException {
        Path dataset = root.resolve(experimentId).resolve("datasets").resolve(datasetId).resolve("meta.yaml");
        if (!Files.exists(dataset)) {
            write(dataset, "digest: " + quote(digest) + "\nname: " + quote(name) + "\nprofile: null\nschema: null\nsource: "
                    + quote(source) + "\nsource_type: local\n");
        }
        write(root.resolve(experimentId).resolve(runId).resolve("inputs").resolve(inputId).resolve("meta.yaml"),
                "destination_id: " + runId + "\ndestination_type: RUN\nsource_id: " + datasetId
                        + "\nsource_type: DATASET\ntags:\n  mlflow.data.context: " + quote(context) + "\n");
    }

    void model(String name, String description, long created, long updated, Map<String, String> aliases,
               Map<String, String> tags) throws IOException {
        StringBuilder yaml = new StringBuilder("aliases:");
        yaml.append(aliases.isEmpty() ? " {}\n" : "\n");
        aliases.forEach((alias, version) -> yaml.append("  ").append(alias).append(": ").append(quote(version)).append('\n'));
        yaml.append("creation_timestamp: ").append(created).append("\ndescription: ").append(quote(description))
                .append("\nlast_updated_timestamp: ").append(updated).append("\nname: ").append(quote(name)).append('\n');
        Path folder = root.resolve("models").resolve(name);
        write(folder.resolve("meta.yaml"), yaml.toString());
        values(folder.resolve("tags"), tags);
        values(folder.resolve("aliases"), aliases);
    }

    void modelVersion(String model, int version, String runId, String experimentId, long created,
                      Map<String, String> tags) throws IOException {
        modelVersionFrom(model, version, runId, root.resolve(experimentId).resolve(runId).resolve("artifacts/model").toUri()
                .toString(), created, tags);
    }

    /** A version registered from {@code source}: a run's artifact path, or {@code models:/<id>} of a logged model. */
    void modelVersionFrom(String model, int version, String runId, String source, long created, Map<String, String> tags)
            throws IOException {
        Path folder = root.resolve("models").resolve(model).resolve("version-" + version);
        write(folder.resolve("meta.yaml"), "creation_timestamp: " + created + "\ncurrent_stage: None\ndescription: null"
                + "\nlast_updated_timestamp: " + created + "\nname: " + quote(model) + "\nrun_id: " + runId
                + "\nrun_link: null\nsource: " + quote(source) + "\nstatus: READY\nstatus_message: null\nuser_id: null"
                + "\nversion: " + version + "\n");
        values(folder.resolve("tags"), tags);
    }

    /** A finished MLflow 3 logged model made by a run, with one metric value linked to it. */
    void loggedModel(String experimentId, String modelId, String name, String runId, long created,
                     Map<String, String> params, Map<String, String> tags, String metric, double value) throws IOException {
        Path folder = root.resolve(experimentId).resolve("models").resolve(modelId);
        write(folder.resolve("meta.yaml"), "artifact_location: " + quote(folder.resolve("artifacts").toUri().toString())
                + "\ncreation_timestamp: " + created + "\nexperiment_id: " + quote(experimentId) + "\nlast_updated_timestamp: "
                + created + "\nlifecycle_stage: active\nmodel_id: " + modelId + "\nmodel_type: classifier\nname: " + quote(name)
                + "\nsource_run_id: " + runId + "\nstatus: 2\nstatus_message: null\n");
        values(folder.resolve("params"), params);
        values(folder.resolve("tags"), tags);
        write(folder.resolve("metrics").resolve(metric), created + " " + value + " 0 " + runId + "\n");
    }

    /** The folder MLflow expects even when nothing was deleted. */
    void trash() throws IOException {
        Files.createDirectories(root.resolve(".trash"));
    }

    private static void values(Path folder, Map<String, String> values) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> e : values.entrySet()) {
            write(folder.resolve(e.getKey()), e.getValue());
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A YAML single-quoted scalar. */
    private static String quote(String text) {
        return text == null ? "null" : "'" + text.replace("'", "''") + "'";
    }
}
