package dev.braid.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps the libraries' own files inside Braid's data folder: sqlite-jdbc unpacks its native
 * library into {@code org.sqlite.tmpdir} (else {@code /tmp}), and JGit keeps its settings in
 * {@code ~/.config/jgit/config}. Both are process-wide settings, so they are made once, here,
 * before the first database or repository is opened.
 */
final class ProcessConfinement {
    /** JGit's own safe default when it cannot measure a file system (its FALLBACK_TIMESTAMP_RESOLUTION). */
    static final String CONSERVATIVE_RESOLUTION = "2000 milliseconds";
    /** Free space needed to unpack the SQLite native library beside the cache. */
    static final long NATIVE_ROOM_BYTES = 32L << 20;

    private ProcessConfinement() {
    }

    static void confineTo(Path dataDir) throws IOException {
        Path nativeDir = Files.createDirectories(dataDir.resolve("native"));
        if (System.getProperty("org.sqlite.tmpdir") == null && roomFor(nativeDir)) {
            System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
        }
        Path jgitConfig = dataDir.resolve("jgit").resolve("config");
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof ConfinedReader confined) || !confined.file.equals(jgitConfig)) {
            SystemReader base = current instanceof ConfinedReader confined ? confined.base : current;
            SystemReader.setInstance(new ConfinedReader(base, jgitConfig));
        }
        assumeConservativeTiming(jgitConfig, dataDir);
    }

    private static boolean readOnlyStore(Path folder) {
        try {
            return Files.getFileStore(folder).isReadOnly();
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Whether the SQLite library (a few MB) can be unpacked in {@code folder}. On a full disk it
     * cannot, and without it Braid could not even tell the user that the disk is full; it then
     * goes to the system's temporary folder.
     */
    private static boolean roomFor(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace() >= NATIVE_ROOM_BYTES;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The same confinement for a data folder Braid may not write: nothing is created there. The
     * SQLite native library goes to {@code native/} when that folder exists and is writable, else
     * to the system's temporary folder (the one place left where it can be unpacked).
     */
    static void confineReadOnly(Path dataDir) {
        Path nativeDir = dataDir.resolve("native");
        if (System.getProperty("org.sqlite.tmpdir") == null && Files.isDirectory(nativeDir) && Files.isWritable(nativeDir)
                && !readOnlyStore(nativeDir) && roomFor(nativeDir)) {
            System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
        }
        Path jgitConfig = dataDir.resolve("jgit").resolve("config");
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof ConfinedReader confined) || !confined.file.equals(jgitConfig)) {
            SystemReader base = current instanceof ConfinedReader confined ? confined.base : current;
            SystemReader.setInstance(new ConfinedReader(base, jgitConfig));
        }
    }

    /**
     * JGit measures each file system's timestamp resolution once, busy-waiting for seconds, to
     * tell whether a file changed within one clock tick of being read. Braid only reads
     * repositories and fetches into them, so JGit's conservative default (treat anything changed
     * in the last two seconds as changed) costs nothing that matters and spares every first sync
     * that measurement. The entry uses JGit's key for the file system; if JGit ever names it
     * differently, JGit simply measures as before.
     */
    static void assumeConservativeTiming(Path jgitConfig, Path dataDir) throws IOException {
        FileStore store = Files.getFileStore(dataDir);
        String key = System.getProperty("java.vendor") + '|' + System.getProperty("java.version") + '|' + store.name();
        FileBasedConfig config = new FileBasedConfig(jgitConfig.toFile(), FS.DETECTED);
        try {
            config.load();
        } catch (ConfigInvalidException e) {
            config.clear();
        }
        if (config.getString("filesystem", key, "timestampResolution") != null) {
            return;
        }
        Files.createDirectories(jgitConfig.getParent());
        config.setString("filesystem", key, "timestampResolution", CONSERVATIVE_RESOLUTION);
        config.setString("filesystem", key, "minRacyThreshold", "0 nanoseconds");
        config.save();
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
