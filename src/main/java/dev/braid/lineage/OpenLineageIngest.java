package dev.braid.lineage;

import java.util.List;

/**
 * Stores validated OpenLineage events: each new event is kept raw (for audit) and mapped onto
 * the graph in the same transaction; an event already kept (same canonical hash) changes nothing.
 * Events are written in batches so that large imports do not pay one commit per event.
 */
public final class OpenLineageIngest {
    /** Events per transaction. */
    public static final int BATCH = 500;
    private final LineageService lineage;
    private final OpenLineageMapper mapper = new OpenLineageMapper();

    public OpenLineageIngest(LineageService lineage) {
        this.lineage = lineage;
    }

    /** An accepted event and where it came from ({@code file:line}, {@code http:address}). */
    public record Accepted(OpenLineageEvent event, String origin) {
    }

    /** How many events were new and how many were repeats of events already kept. */
    public record Stored(int added, int repeated) {
        public Stored plus(Stored other) {
            return new Stored(added + other.added, repeated + other.repeated);
        }
    }

    /** Stores {@code events} in one transaction. */
    public Stored store(List<Accepted> events) {
        if (events.isEmpty()) {
            return new Stored(0, 0);
        }
        return lineage.database().write(c -> {
            int added = 0;
            java.time.Instant now = lineage.clock().instant();
            for (Accepted a : events) {
                if (lineage.store().insertEvent(c, a.event(), a.origin(), now)) {
                    lineage.store().write(c, mapper.map(a.event()), now);
                    added++;
                }
            }
            return new Stored(added, events.size() - added);
        });
    }
}
