package dev.braid.shell;

import dev.braid.sync.SyncContext;

/**
 * Creates the demo workspace and registers its sources. Runs in the background; the welcome page
 * syncs the sources and shows the Repositories view once it returns.
 */
@FunctionalInterface
public interface DemoOpener {
    void open(SyncContext progress) throws Exception;
}
