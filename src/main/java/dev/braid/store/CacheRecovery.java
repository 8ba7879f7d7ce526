package dev.braid.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Moves a cache that cannot be used out of the way, keeping it for inspection; never deletes it. */
public final class CacheRecovery {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Clock clock;

    public CacheRecovery(Clock clock) {
        this.clock = clock;
    }

    /** Renames the cache and its WAL files to {@code cache.db.broken-<time>}; returns the new main file. */
    public Path moveAside(Path cacheFile) throws IOException {
        String stamp = STAMP.format(clock.instant());
        Path target = cacheFile.resolveSibling(cacheFile.getFileName() + ".broken-" + stamp);
        for (int n = 2; Files.exists(target); n++) {
            target = cacheFile.resolveSibling(cacheFile.getFileName() + ".broken-" + stamp + "-" + n);
        }
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path sidecar = cacheFile.resolveSibling(cacheFile.getFileName() + suffix);
            if (Files.exists(sidecar)) {
                Files.move(sidecar, target.resolveSibling(target.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(cacheFile, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
