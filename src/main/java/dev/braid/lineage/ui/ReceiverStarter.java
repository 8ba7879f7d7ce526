package dev.braid.lineage.ui;

import dev.braid.lineage.OpenLineageReceiver;
import java.io.IOException;

/**
 * Starts an OpenLineage receiver that stores what it receives in the window's cache. The shell
 * supplies one wired to the application's validator and ingest, so the explorer never builds them.
 */
@FunctionalInterface
public interface ReceiverStarter {
    /** Starts listening; throws when the address cannot be bound (a port already in use). */
    OpenLineageReceiver start(OpenLineageReceiver.Settings settings) throws IOException;
}
