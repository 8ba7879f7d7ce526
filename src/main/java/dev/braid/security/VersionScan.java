package dev.braid.security;

import dev.braid.security.scan.Rating;
import java.time.Instant;
import java.util.List;

/**
 * The last complete scan of a model version's files.
 *
 * @param rating    the worst rating of its files
 * @param current   false when it was made under an older import policy (scan again)
 * @param files     each file, by path (empty when only the summary was read)
 */
public record VersionScan(VersionRef version, Rating rating, int fileCount, Instant scannedAt, boolean current,
                          List<FileScan> files) {
    public VersionScan {
        files = List.copyOf(files);
    }
}
