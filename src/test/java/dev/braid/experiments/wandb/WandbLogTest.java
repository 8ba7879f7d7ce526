package dev.braid.experiments.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.WandbOfflineRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log framing on a real log (spanning many 32 KiB blocks) and on damaged copies of it. */
class WandbLogTest {
    private static byte[] log;
    private static int records;

    @TempDir
    Path dir;

    @BeforeAll
    static void realLog() throws Exception {
        WandbOfflineRuns runs = WandbOfflineRuns.shared();
        Path folder = runs.folders().values().stream()
                .max((a, b) -> Long.compare(size(a), size(b))).orElseThrow();
        log = Files.readAllBytes(WandbRunReader.logOf(folder));
        records = count(WandbRunReader.logOf(folder));
    }

    @Test
    void readsEveryRecordTheClientWroteAcrossBlocks() throws Exception {
        assertTrue(log.length > 4 * WandbLog.BLOCK, "the log spans several blocks: " + log.length);
        WandbOfflineRuns runs = WandbOfflineRuns.shared();
        String biggest = runs.folders().entrySet().stream().max((a, b) -> Long.compare(size(a.getValue()), size(b.getValue())))
                .orElseThrow().getKey();
        assertEquals(runs.clientRecords(biggest).size(), records);
    }

    @Test
    void aLogCutInsideARecordReadsUpToItAndSaysSo() throws Exception {
        Path cut = write(Arrays.copyOf(log, log.length - 3));
        try (WandbLog reader = WandbLog.open(cut)) {
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            assertEquals(records - 1, n);
            assertTrue(reader.truncated());
        }
        Path whole = write(log);
        try (WandbLog reader = WandbLog.open(whole)) {
            while (reader.next() != null) {
                // read to the end
            }
            assertFalse(reader.truncated());
        }
    }

    @Test
    void aDamagedChunkIsAnErrorNamingItsOffset() throws Exception {
        byte[] damaged = log.clone();
        damaged[WandbLog.BLOCK + 100] ^= 0x5A;
        Path file = write(damaged);
        WandbFormatException e = assertThrows(WandbFormatException.class, () -> count(file));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void aFileWithoutTheWandbHeaderIsRefused() throws Exception {
        byte[] other = log.clone();
        other[1] = 'X';
        WandbFormatException e = assertThrows(WandbFormatException.class, () -> WandbLog.open(write(other)).close());
        assertTrue(e.getMessage().contains("not a W&B transaction log"), e.getMessage());
        assertThrows(WandbFormatException.class, () -> WandbLog.open(write(new byte[0])).close());
    }

    private Path write(byte[] bytes) throws Exception {
        Path file = Files.createTempFile(dir, "run-", ".wandb");
        Files.write(file, bytes);
        return file;
    }

    private static int count(Path file) throws Exception {
        try (WandbLog reader = WandbLog.open(file)) {
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            return n;
        }
    }

    private static long size(Path folder) {
        try {
            return Files.size(WandbRunReader.logOf(folder));
        } catch (Exception e) {
            return -1;
        }
    }
}
