package dev.braid.security.scan;

import java.util.List;

/**
 * What scanning one file found.
 *
 * @param path     the file as it was named to the scanner
 * @param sha256   the content hash (hex), or null when hashing was not asked for
 * @param size     bytes
 * @param format   what the file is
 * @param rating   the worst rating of its findings; {@link Rating#SAFE} without findings
 * @param imports  every import of every pickle in it, rated
 * @param findings what is not safe, worst first
 * @param millis   how long the scan took
 */
public record FileReport(String path, String sha256, long size, FileFormat format, Rating rating,
                         List<ImportReport> imports, List<Finding> findings, long millis) {
    public FileReport {
        imports = List.copyOf(imports);
        findings = List.copyOf(findings);
    }

    /** Whether this file is a model format Braid reads (not "not a model format"). */
    public boolean isModel() {
        return format != FileFormat.OTHER || !findings.isEmpty();
    }
}
