package dev.braid.sync;

/** Hears about syncs as they run. Called on the sync's own thread. */
public interface SyncListener {
    SyncListener NONE = new SyncListener() { };

    default void started(Source source) { }

    default void progress(Source source, double fraction, String message) { }

    default void finished(Source source, SyncRun run) { }
}
