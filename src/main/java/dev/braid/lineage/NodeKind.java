package dev.braid.lineage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of a lineage node, the first part of every {@link NodeId}. Kinds are open: later
 * sources (CI pipelines, feature registries) add their own without changing this type; the
 * constants name the kinds Braid itself produces.
 */
public record NodeKind(String id) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public static final NodeKind REPOSITORY = new NodeKind("repo");
    public static final NodeKind COMMIT = new NodeKind("commit");
    public static final NodeKind DATASET = new NodeKind("dataset");
    public static final NodeKind DATASET_VERSION = new NodeKind("dataset-version");
    public static final NodeKind JOB = new NodeKind("job");
    public static final NodeKind JOB_RUN = new NodeKind("job-run");
    public static final NodeKind EXPERIMENT_RUN = new NodeKind("mlflow-run");
    public static final NodeKind MODEL = new NodeKind("model");
    public static final NodeKind MODEL_VERSION = new NodeKind("model-version");
    public static final NodeKind ALIAS = new NodeKind("alias");
    public static final NodeKind LOGGED_MODEL = new NodeKind("logged-model");
    public static final NodeKind ARTIFACT = new NodeKind("artifact");

    public NodeKind {
        Objects.requireNonNull(id, "id");
        if (!NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("a node kind is lower-case letters, digits and '-': " + id);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
