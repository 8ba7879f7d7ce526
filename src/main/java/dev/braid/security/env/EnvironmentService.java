package dev.braid.security.env;

import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ModelLocation;
import dev.braid.repos.RepositoryService;
import dev.braid.security.ModelVersions;
import dev.braid.security.SecurityException;
import dev.braid.security.VersionRef;
import dev.braid.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Environments of model versions and serving targets, and the differences between them
 * ({@code braid env diff A B}, the model version page). A model's environment comes from the
 * files MLflow logs with it ({@code MLmodel} — whose flavours and Python version are those of the
 * training run that logged it — {@code requirements.txt}, {@code conda.yaml},
 * {@code python_env.yaml}); a serving environment from a file on disk or in an indexed repository
 * at a ref ({@code repo:<name>@<ref>:<path>}). Each registered model can keep one serving target.
 */
public final class EnvironmentService {
    /** The files of a model folder that describe its environment. */
    static final Set<String> MODEL_FILES = Set.of("MLmodel", "requirements.txt", "conda.yaml", "python_env.yaml");
    /** The files at a training run's artifact root that record its environment. */
    static final Set<String> RUN_FILES = Set.of("requirements.txt", "conda.yaml", "python_env.yaml");
    private static final int MAX_FILE = 1024 * 1024;
    private final Database db;
    private final ArtifactService artifacts;
    private final ModelVersions versions;
    private final RepositoryService repositories;
    private final Clock clock;
    private final EnvironmentReader reader = new EnvironmentReader();

    public EnvironmentService(Database db, ArtifactService artifacts, ModelVersions versions,
                              RepositoryService repositories, Clock clock) {
        this.db = db;
        this.artifacts = artifacts;
        this.versions = versions;
        this.repositories = repositories;
        this.clock = clock;
    }

    /** The environment a model version was built with, read from its files (fetched from its source). */
    public Environment ofVersion(VersionRef ref) throws SecurityException {
        ModelVersions.Found found = versions.find(ref).orElseThrow(() -> new SecurityException("no cached " + ref.label()));
        try {
            ModelLocation location = artifacts.locate(ref.sourceId(), found.version());
            String prefix = location.folder().isEmpty() ? "" : location.folder() + "/";
            Map<String, String> files = new LinkedHashMap<>();
            for (ArtifactEntry entry : artifacts.files(location, 10_000)) {
                String name = entry.path().startsWith(prefix) ? entry.path().substring(prefix.length()) : entry.path();
                if (MODEL_FILES.contains(name)) {
                    try (InputStream in = artifacts.openStream(location, entry.path())) {
                        files.put(name, new String(in.readNBytes(MAX_FILE), StandardCharsets.UTF_8));
                    }
                }
            }
            Environment model = reader.model(ref.sourceName() + ":" + ref.model() + "/" + ref.version(), files);
            // A model at its run's artifact root already read the run's files as its own.
            boolean runRoot = location.loggedModelId() == null && location.folder().isEmpty();
            return runRoot ? model : model.withRun(ofRun(ref, found.version().runId()));
        } catch (ExperimentException | IOException e) {
            throw new SecurityException("cannot read the environment of " + ref.label() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The environment the training run recorded beside its model: {@code requirements.txt},
     * {@code conda.yaml} and {@code python_env.yaml} at the run's artifact root (what
     * {@code mlflow.log_artifact} of a pip freeze or an MLflow project's environment leaves there).
     * Null when the version names no cached run or the run recorded none; a run whose artifacts
     * cannot be listed gives an environment with only that problem, so the model's files still count.
     */
    private Environment ofRun(VersionRef ref, String runId) {
        if (runId == null || runId.isBlank()) {
            return null;
        }
        String label = "run " + runId;
        try {
            Optional<ModelLocation> root = artifacts.runRoot(ref.sourceId(), runId);
            if (root.isEmpty()) {
                return null;
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (ArtifactEntry entry : artifacts.entries(root.get())) {
                if (!entry.directory() && RUN_FILES.contains(entry.path())) {
                    try (InputStream in = artifacts.openStream(root.get(), entry.path())) {
                        files.put(entry.path(), new String(in.readNBytes(MAX_FILE), StandardCharsets.UTF_8));
                    }
                }
            }
            return files.isEmpty() ? null : reader.model(label, files);
        } catch (ExperimentException | IOException e) {
            return new Environment(label, null, List.of(), Map.of(), List.of(),
                    List.of("the training run's artifacts cannot be read: " + e.getMessage()));
        }
    }

    /**
     * A serving environment: {@code repo:<name>@<ref>:<path>} reads a file of an indexed repository
     * at a commit, branch or tag; anything else is a file on disk.
     */
    public Environment ofServing(String location) throws SecurityException {
        if (location.startsWith("repo:")) {
            return RepoFiles.environment(location, repositories, reader);
        }
        Path file = Path.of(location).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new SecurityException("no file " + location);
        }
        try {
            String text = Files.readString(file);
            Path folder = file.getParent();
            return reader.serving(location, file.getFileName().toString(), text, ref -> {
                try {
                    Path sibling = folder.resolve(ref).normalize();
                    return Files.isRegularFile(sibling) ? Files.readString(sibling) : null;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            throw new SecurityException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Either side of {@code env diff}: a model version id ({@code MODEL/VERSION},
     * {@code models:/MODEL@ALIAS}, …), a {@code repo:} location, or a file.
     */
    public Environment of(String spec) throws SecurityException {
        if (spec.startsWith("repo:") || Files.isRegularFile(Path.of(spec))) {
            return ofServing(spec);
        }
        return ofVersion(versions.resolve(spec).ref());
    }

    /** The differences of {@code a} against {@code b}, worst first. */
    public List<Difference> diff(Environment a, Environment b) {
        return EnvironmentDiff.compare(a, b);
    }

    /** Remembers the serving environment a registered model is checked against. */
    public void setServingTarget(long sourceId, String model, String location) throws SecurityException {
        ofServing(location); // refuse what cannot be read now
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO serving_targets(source_id, model, location, set_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET location = excluded.location, set_at = excluded.set_at")) {
                st.setLong(1, sourceId);
                st.setString(2, model);
                st.setString(3, location);
                st.setLong(4, clock.millis());
                st.executeUpdate();
            }
            return null;
        });
    }

    /** The serving environment a registered model is checked against, if one was set. */
    public Optional<String> servingTarget(long sourceId, String model) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT location FROM serving_targets WHERE source_id = ?"
                    + " AND model = ?")) {
                st.setLong(1, sourceId);
                st.setString(2, model);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

}
