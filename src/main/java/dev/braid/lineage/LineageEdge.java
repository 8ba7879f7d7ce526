package dev.braid.lineage;

import java.time.Instant;
import java.util.Objects;

/**
 * A downstream edge, with the source that asserted it (a source name such as an MLflow server or
 * {@code openlineage}) and the time of the event that asserted it, which "as of" queries use.
 */
public record LineageEdge(NodeId from, NodeId to, EdgeKind kind, String assertedBy, Instant assertedAt) {
    public LineageEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(assertedBy, "assertedBy");
        Objects.requireNonNull(assertedAt, "assertedAt");
    }
}
