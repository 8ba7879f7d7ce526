package dev.braid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The cache file's creation and permissions: owner-only, as are its WAL files. */
final class CacheFiles {
    private CacheFiles() {
    }

    static void createOwnerOnly(Path file) throws CacheOpenException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (Files.notExists(file)) {
                if (supportsPosix(dir)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new CacheOpenException(SqliteFailures.classify(e, file), file,
                    "cannot create the cache file: " + e.getMessage(), e);
        }
    }

    static void restrictSidecars(Path file) {
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path sidecar = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(sidecar) && supportsPosix(sidecar)) {
                    Files.setPosixFilePermissions(sidecar, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException ignored) {
                // Best effort: the data directory itself is owner-only as well.
            }
        }
    }

    static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
