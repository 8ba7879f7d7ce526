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
    private ProcessConfinement() {
    }

    static void confineTo(Path dataDir) throws IOException {
        Path nativeDir = Files.createDirectories(dataDir.resolve("native"));
        if (System.getProperty("org.sqlite.tmpdir") == null) {
            System.setProperty("org.sqlite.tmpdir", nativeDir.toString());
        }
        SqliteNativeLibrary.useUnpackedIn(nativeDir);
    }
}
