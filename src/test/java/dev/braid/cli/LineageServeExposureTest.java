package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lineage serve} beyond this machine without a token is bad usage unless confirmed; nothing is bound. */
class LineageServeExposureTest {
    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aNonLoopbackHostWithoutATokenIsRefusedUntilConfirmed() {
        CliRun serve = new CliRun(home);
        assertEquals(2, serve.run("--data-dir", home.resolve("d").toString(), "lineage", "serve", "--host", "0.0.0.0", "--port", "0"));
        assertTrue(serve.err().contains("without a token would let anyone"), serve.err());
        assertTrue(serve.err().contains("--allow-unauthenticated"), serve.err());
        assertTrue(serve.err().contains("--token-env"), serve.err());
        assertEquals("", serve.out(), "nothing listened");
    }
}
