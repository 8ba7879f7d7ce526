package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An OpenLineage event that passed validation. {@code kind} is {@code RunEvent}, {@code JobEvent}
 * or {@code DatasetEvent}; {@code eventType} is empty when the event has none; {@code hash} is the
 * SHA-256 of the event's canonical JSON (keys sorted, no whitespace), which makes repeats
 * recognisable however they were formatted; {@code raw} is the event as received;
 * {@code warnings} say what was missing but not needed to understand it (a {@code schemaURL}).
 */
public record OpenLineageEvent(String kind, String eventType, Instant eventTime, JsonNode tree, String hash, String raw,
                               java.util.List<String> warnings) {
    public OpenLineageEvent {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
        Objects.requireNonNull(kind, "kind");
        eventType = eventType == null ? "" : eventType;
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(raw, "raw");
    }
}
