package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters past SQLite's limits are bad usage (exit 2) with a clear message, never a stack trace. */
class RunsFilterLimitsCliTest {
    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void oversizedFiltersAreBadUsage() {
        String dir = home.resolve("d").toString();
        for (String filter : new String[] {"metrics.a > 1" + " OR metrics.a > 1".repeat(600),
                "metrics.a > 1" + " AND params.p = 'x'".repeat(600), "(".repeat(5_000) + "metrics.a > 1" + ")".repeat(5_000)}) {
            CliRun cli = new CliRun(home);
            assertEquals(2, cli.run("--data-dir", dir, "runs", "list", "--filter", filter), cli.err());
            assertTrue(cli.err().contains("the most a filter may"), cli.err());
            assertFalse(cli.err().contains("Exception") || cli.err().contains("unexpected error"), cli.err());
        }
    }
}
