package dev.braid.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A legacy MLflow file store ({@code mlruns/}) read in place, read-only: {@code <experiment>/meta.yaml}
 * and its {@code tags/}, {@code <experiment>/<run>/} with {@code meta.yaml}, {@code params/},
 * {@code tags/}, {@code metrics/} and {@code inputs/}, and the registry under {@code models/}.
 * Deleted experiments live in {@code .trash/} and are not read.
 */
final class FileRunSource implements RunSource {
    private final Path root;

    FileRunSource(Path root) {
        this.root = root;
    }

    @Override
    public List<Experiment> experiments(long sourceId) throws MlflowException {
        return io(() -> {
            List<Experiment> out = new ArrayList<>();
            for (Path folder : experimentFolders()) {
                Map<String, Object> meta = FileStoreFiles.yaml(folder.resolve("meta.yaml"));
                String stage = FileStoreFiles.text(meta, "lifecycle_stage");
                // Stores older than lifecycle stages (MLflow before 0.7) kept deleted experiments in .trash only.
                if (meta.isEmpty() || stage != null && !"active".equals(stage)) {
                    continue;
                }
                String id = FileStoreFiles.text(meta, "experiment_id");
                out.add(new Experiment(sourceId, id == null ? folder.getFileName().toString() : id,
                        FileStoreFiles.text(meta, "name"), FileStoreFiles.text(meta, "artifact_location"), "active",
                        FileStoreFiles.number(meta, "creation_time"), FileStoreFiles.number(meta, "last_update_time"),
                        FileStoreFiles.values(folder.resolve("tags"))));
            }
            return out;
        });
    }

    @Override
    public List<RemoteRun> searchRuns(List<String> experimentIds, String filter) throws MlflowException {
        if (filter != null) {
            throw MlflowException.permanent("a local MLflow store is read whole, not searched", null);
        }
        Set<String> wanted = new HashSet<>(experimentIds);
        return io(() -> {
            List<RemoteRun> out = new ArrayList<>();
            for (Path folder : experimentFolders()) {
                if (!wanted.contains(folder.getFileName().toString())) {
                    continue;
                }
                for (Path runFolder : FileStoreFiles.folders(folder)) {
                    Optional<RemoteRun> run = FileStoreRun.read(runFolder);
                    if (run.isPresent() && "active".equals(run.get().lifecycleStage())) {
                        out.add(run.get());
                    }
                }
            }
            return out;
        });
    }

    @Override
    public RemoteRun run(String runId) throws MlflowException {
        Path folder = io(() -> runFolder(runId));
        return io(() -> FileStoreRun.read(folder))
                .orElseThrow(() -> MlflowException.permanent("no run " + runId + " in " + root, null));
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String key) throws MlflowException {
        Path folder = io(() -> runFolder(runId));
        Path file = folder.resolve("metrics").resolve(key).normalize();
        if (!file.startsWith(folder.resolve("metrics"))) {
            throw MlflowException.permanent("not a metric key: " + key, null);
        }
        return io(() -> {
            List<MetricPoint> out = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    FileStoreRun.point(line).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    @Override
    public List<RegisteredModel> registeredModels(long sourceId) throws MlflowException {
        return io(() -> FileStoreRegistry.models(root.resolve("models"), sourceId));
    }

    @Override
    public List<LoggedModel> loggedModels(long sourceId, List<String> experimentIds) throws MlflowException {
        Set<String> wanted = new HashSet<>(experimentIds);
        return io(() -> {
            List<LoggedModel> out = new ArrayList<>();
            for (Path folder : experimentFolders()) {
                if (wanted.contains(folder.getFileName().toString())) {
                    out.addAll(FileStoreLoggedModels.models(folder.resolve("models"), sourceId));
                }
            }
            return out;
        });
    }

    @Override
    public boolean readsWholeCheaply() {
        return true;
    }

    private List<Path> experimentFolders() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("the mlruns folder " + root + " is gone");
        }
        List<Path> out = new ArrayList<>();
        for (Path folder : FileStoreFiles.folders(root)) {
            String name = folder.getFileName().toString();
            if (!name.startsWith(".") && !name.equals("models") && Files.isRegularFile(folder.resolve("meta.yaml"))) {
                out.add(folder);
            }
        }
        return out;
    }

    private Path runFolder(String runId) throws IOException {
        if (!runId.matches("[\\w-]+")) {
            throw new IOException("not a run id: " + runId);
        }
        for (Path experiment : experimentFolders()) {
            Path candidate = experiment.resolve(runId);
            if (Files.isRegularFile(candidate.resolve("meta.yaml"))) {
                return candidate;
            }
        }
        throw new IOException("no run " + runId + " in " + root);
    }

    private interface Read<T> {
        T run() throws IOException;
    }

    private <T> T io(Read<T> read) throws MlflowException {
        try {
            return read.run();
        } catch (IOException | RuntimeException e) {
            // RuntimeException: malformed YAML, unreadable folders met while walking (UncheckedIOException).
            throw MlflowException.permanent("cannot read the MLflow file store " + root + ": " + e.getMessage(), e);
        }
    }
}
