package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuiLauncherTest {
    private final DataDirectories dirs = DataDirectories.resolve(Path.of("/tmp/braid-data"), Map.of("HOME", "/home/ada"));

    @Test
    void explicitDataFolderReachesTheWindowAsANamedParameter() {
        assertArrayEquals(new String[] {"--data-dir=/tmp/braid-data"}, GuiLauncher.windowArguments(dirs, true));
    }

    @Test
    void javafxNativeLibrariesAreUnpackedInsideTheDataFolder() {
        assertEquals(Path.of("/tmp/braid-data/javafx"), GuiLauncher.nativeCacheDir(dirs));
    }

    @Test
    void defaultDataFolderIsLeftToTheWindowToResolve() {
        assertArrayEquals(new String[0], GuiLauncher.windowArguments(dirs, false));
    }
}
