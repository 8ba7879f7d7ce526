package dev.braid.sync;

/**
 * Brings one kind of source into the cache. Implementations apply their changes in transactions
 * so that a crash, kill or cancel at any point leaves the cache as it was after the last committed
 * step, and a later sync ends in the same state as an uninterrupted one.
 */
public interface SourceSyncer {
    /** The {@link Source#kind()} this syncer handles. */
    String kind();

    /**
     * Syncs {@code source}. Throws {@link SyncFailure} for classified failures; any other
     * exception is treated as permanent unless it is an I/O error.
     */
    SyncCounts sync(Source source, SyncContext context) throws Exception;
}
