package dev.braid.security.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bombs and oversized inputs end in a LIMIT finding, never in an exception or a hung scan. */
class ScanLimitsTest {
    private static final long MB = 1024 * 1024;
    @TempDir
    Path dir;

    @Test
    void aMemberThatInflatesPastTheCapIsABombFinding() throws IOException {
        Path bomb = dir.resolve("bomb.pt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            // A pickle whose one byte string is 64 MB of zeros: tiny compressed, huge inflated.
            zip.write(new byte[] {(byte) 0x80, 4, (byte) 0x8e});
            zip.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0});
            writeZeros(zip, 64 * MB);
            zip.write('.');
            zip.closeEntry();
        }
        assertTrue(Files.size(bomb) < MB);
        ModelScanner small = new ModelScanner(ImportPolicy.standard(), ScanLimits.STANDARD.withExpanded(8 * MB, 16 * MB, 100));
        FileReport report = small.scanFile(bomb, false);
        assertEquals(Rating.SUSPICIOUS, report.rating(), report.findings().toString());
        assertEquals(FindingKind.LIMIT, report.findings().get(0).kind());
        assertTrue(report.findings().get(0).message().contains("decompression bomb"), report.findings().toString());
        // With the standard limits the same file is read to its end and is clean.
        assertEquals(Rating.SAFE, ModelScanner.standard().scanFile(bomb, false).rating());
    }

    @Test
    void manyMembersEachWithinTheCapStillMeetTheFilesBudget() throws IOException {
        Path many = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 8; i++) {
                zip.putNextEntry(new ZipEntry("m" + i + ".pkl"));
                zip.write(new byte[] {(byte) 0x80, 4, (byte) 0x8e, 0, 0, 0x40, 0, 0, 0, 0, 0});
                writeZeros(zip, 4 * MB);
                zip.write('.');
                zip.closeEntry();
            }
        }
        ModelScanner small = new ModelScanner(ImportPolicy.standard(), ScanLimits.STANDARD.withExpanded(8 * MB, 10 * MB, 100_000));
        FileReport report = small.scanFile(many, false);
        assertEquals(Rating.SUSPICIOUS, report.rating(), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.message().contains("in total")), report.findings().toString());
        // Declared sizes far beyond the archive's own are a finding before anything is inflated.
        ModelScanner strict = new ModelScanner(ImportPolicy.standard(), ScanLimits.STANDARD.withExpanded(8 * MB, 10 * MB, 100));
        FileReport declared = strict.scanFile(many, false);
        assertTrue(declared.findings().get(0).message().contains("declares"), declared.findings().toString());
    }

    @Test
    void anUnreadableFileIsReportedNotThrown() {
        FileReport report = ModelScanner.standard().scanFile(dir.resolve("missing.pkl"), true);
        assertEquals(Rating.UNKNOWN, report.rating());
        assertEquals(FindingKind.UNREADABLE, report.findings().get(0).kind());
    }

    @Test
    void aFolderIsScannedFileByFileWithHashes() throws IOException {
        Files.write(dir.resolve("a.pkl"), new byte[] {(byte) 0x80, 2, 'N', '.'});
        Files.createDirectories(dir.resolve(".git"));
        Files.write(dir.resolve(".git/objects.pkl"), new byte[] {1, 2, 3});
        var reports = ModelScanner.standard().scan(dir, true);
        assertEquals(1, reports.size());
        assertEquals("b6f1c1a0a3b5b1e1f36acfe0dc0b5c7d5c6c3c6c1b0bb5b3d6f4e0c5e1d3f2a1".length(), reports.get(0).sha256().length());
        assertEquals(ModelScanner.sha256(dir.resolve("a.pkl")), reports.get(0).sha256());
    }

    private static void writeZeros(OutputStream out, long n) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long left = n; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

}
