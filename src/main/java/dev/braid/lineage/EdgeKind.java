package dev.braid.lineage;

import java.util.Objects;

/**
 * What an edge means. Every edge points downstream, the way data and code flow: from a commit to
 * the run built from it, from a dataset version to the run that read it, from a run to the model
 * it logged. Kinds are open like {@link NodeKind}.
 */
public record EdgeKind(String id) {
    public static final EdgeKind CONTAINS = new EdgeKind("contains");
    public static final EdgeKind VERSION = new EdgeKind("version");
    public static final EdgeKind BUILT_FROM = new EdgeKind("built-from");
    public static final EdgeKind INPUT = new EdgeKind("input");
    public static final EdgeKind OUTPUT = new EdgeKind("output");
    public static final EdgeKind RUN_OF = new EdgeKind("run-of");
    public static final EdgeKind PARENT = new EdgeKind("parent");
    public static final EdgeKind LOGGED = new EdgeKind("logged");
    public static final EdgeKind REGISTERED = new EdgeKind("registered");
    public static final EdgeKind ALIAS = new EdgeKind("alias");
    /** Stored data → an artifact version whose manifest references it by location (W&B, ADR 23). */
    public static final EdgeKind REFERENCES = new EdgeKind("references");

    public EdgeKind {
        Objects.requireNonNull(id, "id");
        if (!NodeKind.isName(id)) {
            throw new IllegalArgumentException("an edge kind is lower-case letters, digits and '-': " + id);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
