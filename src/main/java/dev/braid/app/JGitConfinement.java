package dev.braid.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's part of {@link ProcessConfinement}: its settings file lives in the data folder, and it
 * never measures the file system's timing. Process-wide, made before the first repository is
 * opened ({@code AppContext} does it when the first service that opens repositories needs it).
 */
final class JGitConfinement {
    /** JGit's own safe default when it cannot measure a file system (its FALLBACK_TIMESTAMP_RESOLUTION). */
    static final String CONSERVATIVE_RESOLUTION = "2000 milliseconds";
    /** A settings lock this old was left by a process that died while saving (a save takes milliseconds). */
    static final long STALE_LOCK_MILLIS = 60_000;
    private static final Logger LOG = Logger.getLogger(JGitConfinement.class.getName());

    private JGitConfinement() {
    }

    /** Points JGit's settings file into the data folder; made once, before JGit reads any settings. */
    static void confineTo(Path dataDir) throws IOException {
        assumeConservativeTiming(confineReadOnly(dataDir), dataDir);
    }

    /** The same for a data folder Braid may not write: JGit's settings file is pointed there, nothing is written. */
    static Path confineReadOnly(Path dataDir) {
        Path jgitConfig = dataDir.resolve("jgit").resolve("config");
        SystemReader current = SystemReader.getInstance();
        if (!(current instanceof ConfinedReader confined) || !confined.file.equals(jgitConfig)) {
            SystemReader base = current instanceof ConfinedReader confined ? confined.base : current;
            SystemReader.setInstance(new ConfinedReader(base, jgitConfig));
        }
        return jgitConfig;
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
        try {
            config.save();
        } catch (IOException e) {
            // Only a hint: without it JGit measures the file system as it always did. A process
            // killed while saving leaves config.lock behind, and failing here would then fail every
            // later git sync; a lock older than any save is removed so that a later start writes it.
            LOG.log(Level.FINE, "JGit's timing hint was not saved in " + jgitConfig, e);
            removeStaleLock(jgitConfig.resolveSibling(jgitConfig.getFileName() + ".lock"));
        }
    }

    private static void removeStaleLock(Path lock) {
        try {
            if (Files.getLastModifiedTime(lock).toMillis() < System.currentTimeMillis() - STALE_LOCK_MILLIS) {
                Files.deleteIfExists(lock);
            }
        } catch (IOException gone) {
            // No lock, or not ours to remove: the hint waits for a later start.
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
