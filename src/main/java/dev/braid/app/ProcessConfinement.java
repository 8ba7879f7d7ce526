package dev.braid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps the libraries' own files inside Braid's data folder: sqlite-jdbc unpacks its native
 * library into {@code org.sqlite.tmpdir} (else {@code /tmp}), and JGit caches file-system timing
 * in {@code ~/.config/jgit/config}. Both are process-wide settings, so they are made once, here,
 * before the first database or repository is opened.
 */
final class ProcessConfinement {
    private ProcessConfinement() {
    }

    static void confineTo(Path dataDir) throws IOException {
        Path nativeDir = Files.createDirectories(dataDir.resolve("native"));
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
        }
        Path jgitConfig = dataDir.resolve("jgit").resolve("config");
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof ConfinedReader confined) || !confined.file.equals(jgitConfig)) {
            SystemReader base = current instanceof ConfinedReader confined ? confined.base : current;
            SystemReader.setInstance(new ConfinedReader(base, jgitConfig));
        }
    }

    /** JGit's own settings file lives in the data folder; everything else is JGit's default. */
    private static final class ConfinedReader extends SystemReader.Delegate {
        private final SystemReader base;
        private final Path file;

        ConfinedReader(SystemReader base, Path file) {
            super(base);
            this.base = base;
            this.file = file;
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, file.toFile(), fs);
        }
    }
}
