package dev.braid.lineage;

import java.util.Objects;

/**
 * A node's stable, readable id: {@code <kind>:<rest>}, for example
 * {@code dataset:s3://bucket:path/file.parquet} or {@code commit:<repo>:<sha>}. The grammar of
 * {@code <rest>} per kind is documented in docs/decisions (lineage identity); this type only keeps
 * the kind prefix well formed so ids can be typed on the command line.
 */
public record NodeId(String value) {
    public NodeId {
        Objects.requireNonNull(value, "value");
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("a node id is <kind>:<name>, got: " + value);
        }
        NodeKind.prefixOf(value, colon);
    }

    public static NodeId of(NodeKind kind, String rest) {
        return new NodeId(kind.id() + ":" + rest);
    }

    public NodeKind kind() {
        return NodeKind.prefixOf(value, value.indexOf(':'));
    }

    @Override
    public String toString() {
        return value;
    }
}
