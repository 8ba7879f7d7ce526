package dev.braid.lineage;

import java.util.List;

/**
 * Stores validated OpenLineage events: each new event is kept raw (for audit) and mapped onto
 * the graph in the same transaction; an event already kept (same canonical hash) changes nothing.
 * Events are written in batches so that large imports do not pay one commit per event.
 */
public final class OpenLineageIngest {
    /**
     * Events per transaction: fewer, larger transactions write each page of the tables fewer times
     * and let more of a batch's repeated rows be merged; the limit bounds what a batch holds in memory.
     */
    public static final int BATCH = 1_000;
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

    /** An accepted event and the graph changes it asserts, mapped before its transaction begins. */
    record Mapped(Accepted accepted, GraphChanges changes) {
    }

    /** Maps {@code accepted} onto graph changes; needs no cache, so it can run while another batch is written. */
    Mapped map(Accepted accepted) {
        return new Mapped(accepted, mapper.map(accepted.event()));
    }

    /** Stores {@code events} in one transaction. */
    public Stored store(List<Accepted> events) {
        return storeMapped(events.stream().map(this::map).toList());
    }

    /** Stores mapped events in one transaction; only the changes of events not kept before are written. */
    Stored storeMapped(List<Mapped> events) {
        if (events.isEmpty()) {
            return new Stored(0, 0);
        }
        List<Accepted> accepted = events.stream().map(Mapped::accepted).toList();
        return lineage.database().write(c -> {
            java.time.Instant now = lineage.clock().instant();
            boolean[] fresh = lineage.store().insertEvents(c, accepted, now);
            java.util.List<GraphChanges> changes = new java.util.ArrayList<>();
            for (int i = 0; i < fresh.length; i++) {
                if (fresh[i]) {
                    changes.add(events.get(i).changes());
                }
            }
            // One statement per table for the whole batch, each row written once where the
            // events repeat it; the tables end as if the events had been applied in order.
            lineage.store().write(c, ChangeMerger.merge(changes), now);
            return new Stored(changes.size(), events.size() - changes.size());
        });
    }
}
