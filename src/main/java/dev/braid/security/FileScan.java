package dev.braid.security;

import dev.braid.security.scan.Finding;
import dev.braid.security.scan.ImportReport;
import dev.braid.security.scan.Rating;
import java.time.Instant;
import java.util.List;

/**
 * The scan of one file where Braid found it (an artifact path, a DVC-tracked path), read from the
 * result stored for its content hash.
 *
 * @param path      where the file was found
 * @param sha256    its content hash, or null when it could not be fetched
 * @param format    what it is ({@code FileFormat.id()})
 * @param scannedAt when its content was scanned
 */
public record FileScan(String path, String sha256, long size, String format, Rating rating, List<Finding> findings,
                       List<ImportReport> imports, Instant scannedAt) {
    public FileScan {
        findings = List.copyOf(findings);
        imports = List.copyOf(imports);
    }
}
