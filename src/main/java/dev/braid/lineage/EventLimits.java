package dev.braid.lineage;

/**
 * How large an OpenLineage event may be before it is refused unread: bytes of one event (after
 * gzip is undone), nesting depth and the length of any one string. They are enforced while the
 * JSON streams in, so a hostile payload never gets to fill the heap.
 */
public record EventLimits(int maxBytes, int maxDepth, int maxStringLength) {
    /** 4 MiB per event, 64 levels, 1,000,000 characters per string: far above what real producers send. */
    public static final EventLimits STANDARD = new EventLimits(4 << 20, 64, 1_000_000);

    public EventLimits {
        if (maxBytes < 1024 || maxDepth < 8 || maxStringLength < 64) {
            throw new IllegalArgumentException("event limits too small to read any event");
        }
    }
}
