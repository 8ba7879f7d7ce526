package dev.braid.sync;

/** How many items one sync added, changed and removed in the cache. */
public record SyncCounts(long added, long changed, long removed) {
    public static final SyncCounts NONE = new SyncCounts(0, 0, 0);

    public SyncCounts plus(SyncCounts other) {
        return new SyncCounts(added + other.added, changed + other.changed, removed + other.removed);
    }
}
