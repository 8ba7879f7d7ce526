package dev.braid.features.registry;

import dev.braid.features.feast.ViewDefinition;
import java.time.Instant;

/**
 * A version row to insert, or (when {@code replaces} is true) an observed version whose
 * definition Feast's own recorded snapshot now replaces.
 */
record VersionWrite(String label, Integer number, int seq, ViewDefinition definition, String definitionHash,
                    String schemaHash, String origin, Instant createdAt, boolean replaces) {
    static final String HISTORY = "history";
    static final String OBSERVED = "observed";
}
