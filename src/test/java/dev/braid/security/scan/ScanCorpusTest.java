package dev.braid.security.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.PythonEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the generated corpus (each opcode path, each container, truncations, bombs and
 * known scanner bypasses) gets exactly the verdict its manifest names.
 */
class ScanCorpusTest {
    @TempDir
    static Path dir;
    private static List<ScanCorpus.Entry> corpus;
    private final ModelScanner scanner = ModelScanner.standard();

    @BeforeAll
    static void writeCorpus() throws Exception {
        corpus = ScanCorpus.base(dir);
    }

    @Test
    void everyFileGetsTheVerdictItsManifestNames() {
        assertVerdicts(corpus);
        assertTrue(corpus.size() > 80, "the corpus has " + corpus.size() + " files");
    }

    @Test
    void realModelsArraysAndJoblibFilesAsTheLibrariesWriteThem(@TempDir Path real) throws Exception {
        List<ScanCorpus.Entry> entries = ScanCorpus.write(PythonEnv.main().ensure().python(), real, "real");
        assertVerdicts(entries);
        assertTrue(entries.size() > 15, "the real corpus has " + entries.size() + " files");
    }

    @Test
    void kerasHdf5FilesAsH5pyWritesThem(@TempDir Path h5) throws Exception {
        List<ScanCorpus.Entry> entries = ScanCorpus.write(PythonEnv.named("scanners").ensure().python(), h5, "h5");
        assertVerdicts(entries);
        assertEquals(2, entries.size());
    }

    private void assertVerdicts(List<ScanCorpus.Entry> entries) {
        List<String> wrong = new ArrayList<>();
        for (ScanCorpus.Entry entry : entries) {
            FileReport report = scanner.scanFile(entry.file(), false);
            if (report.rating() != entry.expect()) {
                wrong.add(entry.name() + " (" + entry.why() + "): expected " + entry.expect().word() + ", got "
                        + report.rating().word() + " " + report.findings());
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
    }
}
