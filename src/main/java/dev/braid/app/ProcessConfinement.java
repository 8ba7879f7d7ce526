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
        // JGit measures each file system's timestamp resolution once (seconds of busy waiting) and
        // caches it in its config file. Ours starts from JGit's own cache when the user has one (it
        // is only read), and otherwise is measured in the background as soon as Braid opens.
        FS.FileStoreAttributes.setBackground(true);
        Path jgitConfig = dataDir.resolve("jgit").resolve("config");
        seedFromUserCache(jgitConfig, SystemReader.getInstance());
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof ConfinedReader confined) || !confined.file.equals(jgitConfig)) {
            SystemReader base = current instanceof ConfinedReader confined ? confined.base : current;
            SystemReader.setInstance(new ConfinedReader(base, jgitConfig));
        }
        Thread measure = new Thread(() -> FS.FileStoreAttributes.get(dataDir), "braid-fs-timing");
        measure.setDaemon(true);
        measure.setPriority(Thread.MIN_PRIORITY);
        measure.start();
    }

    private static void seedFromUserCache(Path ours, SystemReader reader) {
        if (Files.exists(ours)) {
            return;
        }
        try {
            Path theirs = reader.getXdgConfigDirectory(FS.DETECTED).resolve("jgit").resolve("config");
            Files.createDirectories(ours.getParent());
            if (Files.isRegularFile(theirs)) {
                Files.copy(theirs, ours);
            }
        } catch (IOException | RuntimeException e) {
            // Without a seed JGit measures the file system itself; nothing is lost.
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
