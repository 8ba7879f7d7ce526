package dev.braid.security.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Head to head with picklescan, modelscan and fickling (their pinned versions, run as their
 * command lines judge) on picklescan's published test corpus, the public model files of ONNX and
 * modelscan ({@code public-models}) and the generated corpus: Braid flags
 * every malicious file that any of them flags, and no more benign files than the best of them.
 * The table goes to {@code target/scanner-yardstick.md}; times per file are measured by the
 * security benchmark, not here.
 */
class ScannerYardstickTest {
    @TempDir
    Path generated;

    @Test
    void braidDetectsEverythingAnyPeerDetectsWithNoMoreFalsePositives() throws Exception {
        List<ScannerComparison.Labelled> files = new ArrayList<>(ScannerComparison.picklescanCorpus());
        files.addAll(ScannerComparison.publicModelsCorpus());
        files.addAll(ScannerComparison.generated(generated));
        Map<Path, Map<String, ScannerComparison.Verdict>> peers = ScannerComparison.peers(files, 1);
        ModelScanner scanner = ModelScanner.standard();
        Map<Path, ScannerComparison.Verdict> braid = new HashMap<>();
        Map<Path, ScannerComparison.Verdict> braidUnknown = new HashMap<>();
        List<String> missed = new ArrayList<>();
        for (ScannerComparison.Labelled f : files) {
            braid.put(f.file(), ScannerComparison.braid(scanner, f.file(), 1, false));
            braidUnknown.put(f.file(), ScannerComparison.braid(scanner, f.file(), 1, true));
            Map<String, ScannerComparison.Verdict> row = peers.get(f.file().toAbsolutePath());
            assertEquals(3, row.size(), "every peer ran on " + f.file());
            boolean peerFlagged = row.values().stream().anyMatch(ScannerComparison.Verdict::flagged);
            if (f.malicious() && peerFlagged && !braid.get(f.file()).flagged()) {
                missed.add(f.file() + " (flagged by " + row + ")");
            }
        }
        Map<String, ScannerComparison.Tally> tallies = ScannerComparison.tally(files, peers, braid, braidUnknown);
        String table = ScannerComparison.markdown(files, tallies);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/scanner-yardstick.md"), table);
        System.out.println(table);

        assertEquals(List.of(), missed, "malicious files a peer flags and Braid does not");
        int fewestFalsePositives = ScannerComparison.PEERS.stream().mapToInt(t -> tallies.get(t).falsePositives())
                .min().orElseThrow();
        assertTrue(tallies.get("braid").falsePositives() <= fewestFalsePositives, table);
        long malicious = files.stream().filter(ScannerComparison.Labelled::malicious).count();
        assertEquals(malicious, tallies.get("braid").detected(), "Braid flags every malicious file:\n" + table);
        // The peers really ran: picklescan finds most of its own corpus.
        assertTrue(tallies.get("picklescan").detected() > 100, table);
        assertTrue(files.size() > 200, "files: " + files.size());
    }
}
