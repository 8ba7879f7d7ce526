package dev.braid.experiments.filter;

import java.util.Objects;

/**
 * A key as written in an expression, resolved: {@code entity} and {@code key} (the metric, param or
 * tag name, the dataset field, or the attribute's MLflow name), and {@code attribute} for run
 * attributes (null otherwise). {@code text} is the key exactly as written, for messages.
 */
record FieldRef(Entity entity, String key, RunAttribute attribute, String text) {
    FieldRef {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if ((entity == Entity.ATTRIBUTE) != (attribute != null)) {
            throw new IllegalArgumentException("an attribute key needs its RunAttribute, and only it");
        }
    }

    /** Metrics and the time attributes compare as numbers. */
    boolean numeric() {
        return entity == Entity.METRIC || (attribute != null && attribute.numeric());
    }
}
