package dev.braid.lineage;

import java.util.Objects;

/**
 * The kind of a lineage node, the first part of every {@link NodeId}. Kinds are open: later
 * sources (CI pipelines, feature registries) add their own without changing this type; the
 * constants name the kinds Braid itself produces.
 */
public record NodeKind(String id) {
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
    private static final NodeKind[] CONSTANTS = {REPOSITORY, COMMIT, DATASET, DATASET_VERSION, JOB, JOB_RUN,
        EXPERIMENT_RUN, MODEL, MODEL_VERSION, ALIAS, LOGGED_MODEL, ARTIFACT};

    public NodeKind {
        Objects.requireNonNull(id, "id");
        if (!isName(id)) {
            throw new IllegalArgumentException("a node kind is lower-case letters, digits and '-': " + id);
        }
    }

    /**
     * The kind of the id {@code value}, whose first {@code length} characters name it: the
     * constant when it is one of Braid's kinds (a walk asks every node it reaches for its kind,
     * so the common case makes nothing new), else a new kind.
     */
    static NodeKind prefixOf(String value, int length) {
        for (NodeKind kind : CONSTANTS) {
            if (kind.id.length() == length && value.startsWith(kind.id)) {
                return kind;
            }
        }
        return new NodeKind(value.substring(0, length));
    }

    /** {@code [a-z][a-z0-9-]*}, checked by hand: every node id read or written checks its kind. */
    static boolean isName(String id) {
        if (id.isEmpty() || id.charAt(0) < 'a' || id.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return id;
    }
}
