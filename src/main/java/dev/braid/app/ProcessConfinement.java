package dev.braid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the libraries' own files inside Braid's data folder: sqlite-jdbc unpacks its native
 * library into {@code org.sqlite.tmpdir} (else {@code /tmp}), and JGit keeps its settings in
 * {@code ~/.config/jgit/config}. Both are process-wide settings: SQLite's is made here, before
 * the cache is opened; JGit's in {@link JGitConfinement}, before the first repository is opened,
 * which a command that only reads the cache never pays for. (JGit's jar is signed: merely
 * loading one of its classes costs the check of its signature, so this class names none.)
 */
final class ProcessConfinement {
    /** Free space needed to unpack the SQLite native library beside the cache. */
    static final long NATIVE_ROOM_BYTES = 32L << 20;

    private ProcessConfinement() {
    }

    // Synchronized: a command's early answer check (cli.EarlyCheck) may get here on its own thread
    // while the command opens the cache, and the library must be unpacked once.
    static synchronized void confineTo(Path dataDir) throws IOException {
        Path nativeDir = Files.createDirectories(dataDir.resolve("native"));
        if (roomFor(nativeDir)) {
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
            }
            SqliteNativeLibrary.useUnpackedIn(nativeDir);
        }
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
    }
}
