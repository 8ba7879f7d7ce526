package dev.braid.security.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the scan of one top-level file has found so far, and how many bytes it may still decompress. */
final class ScanSink {
    private final Map<String, ImportReport> imports = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final ScanLimits limits;
    private long expanded;
    private FileFormat refined;

    ScanSink(ScanLimits limits) {
        this.limits = limits;
    }

    ScanLimits limits() {
        return limits;
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    void importFound(ImportReport found) {
        String key = found.location() + "\n" + found.qualified() + "\n" + found.opcode();
        imports.merge(key, found, (a, b) -> new ImportReport(a.location(), a.module(), a.name(), a.opcode(),
                a.called() || b.called(), a.rating().max(b.rating()), a.rating().compareTo(b.rating()) >= 0
                ? a.reason() : b.reason(), a.count() + b.count()));
    }

    /** A more precise name for the top-level file's format, learnt from inside it (the first one wins). */
    void refine(FileFormat format) {
        if (refined == null) {
            refined = format;
        }
    }

    FileFormat refined(FileFormat sniffed) {
        return refined == null ? sniffed : refined;
    }

    /**
     * Counts {@code bytes} more decompressed bytes; false (after recording a finding at
     * {@code location}) when the file's total passes the limit.
     */
    boolean expand(long bytes, String location) {
        expanded += bytes;
        if (expanded > limits.maxExpandedBytes()) {
            add(new Finding(location, Rating.SUSPICIOUS, FindingKind.LIMIT, "", "the file decompresses to more than "
                    + limits.maxExpandedBytes() + " bytes in total; the rest was not scanned (a decompression bomb?)"));
            return false;
        }
        return true;
    }

    boolean overBudget() {
        return expanded > limits.maxExpandedBytes();
    }

    Rating rating() {
        Rating worst = Rating.SAFE;
        for (Finding f : findings) {
            worst = worst.max(f.rating());
        }
        return worst;
    }

    List<ImportReport> imports() {
        return List.copyOf(imports.values());
    }

    List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::rating).reversed());
        return sorted;
    }
}
