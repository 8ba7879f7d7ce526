package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {
    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void writesRedactedRecordsToTheDataFolderOnly() throws IOException {
        DataDirectories dirs = DataDirectories.resolve(home.resolve("data"), Map.of("HOME", home.toString()));
        Path file = Logging.configureForCommand(dirs, false);
        Logger.getLogger("dev.braid.test").warning("cloning https://bob:pw@example.com/x.git failed");
        flush();

        assertEquals(dirs.logDir().resolve("braid-0.log"), file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("WARNING"), text);
        assertTrue(text.contains("https://***@example.com/x.git"), text);
        assertFalse(text.contains("pw@"), text);
        try (Stream<Path> all = Files.walk(home)) {
            List<Path> outside = all.filter(Files::isRegularFile).filter(p -> !p.startsWith(dirs.logDir())).toList();
            assertEquals(List.of(), outside);
        }
    }

    @Test
    void quietCommandsHaveNoConsoleHandler() {
        DataDirectories dirs = DataDirectories.resolve(home.resolve("data"), Map.of("HOME", home.toString()));
        Logging.configureForCommand(dirs, false);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            assertFalse(handler instanceof java.util.logging.ConsoleHandler);
        }
        Logging.configureForCommand(dirs, true);
        assertTrue(Stream.of(Logger.getLogger("").getHandlers()).anyMatch(h -> h instanceof java.util.logging.ConsoleHandler));
    }

    private static void flush() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }
}
