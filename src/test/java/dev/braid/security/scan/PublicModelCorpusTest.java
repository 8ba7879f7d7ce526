package dev.braid.security.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Model files other projects published (ONNX's backend test models, modelscan's test data; origin
 * and licence in {@code public-models/ORIGIN.md}) get the rating {@code labels.tsv} names, and no
 * model file in the folder is left without a label.
 */
class PublicModelCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/dev/braid/security/public-models");

    @Test
    void everyPublishedFileGetsTheRatingItsLabelNames() throws Exception {
        ModelScanner scanner = ModelScanner.standard();
        List<String> wrong = new ArrayList<>();
        List<String> labelled = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("labels.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            labelled.add(cells[0]);
            FileReport report = scanner.scanFile(CORPUS.resolve(cells[0]), true);
            if (report.rating() != Rating.ofWord(cells[1])) {
                wrong.add(cells[0] + ": expected " + cells[1] + ", got " + report.rating().word() + " " + report.findings());
            }
            assertEquals(64, report.sha256().length(), cells[0]);
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
        assertTrue(labelled.size() >= 12, "labels: " + labelled.size());
        try (Stream<Path> files = Files.walk(CORPUS)) {
            List<String> unlabelled = files.filter(Files::isRegularFile)
                    .map(f -> CORPUS.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> !name.endsWith("LICENSE") && !name.endsWith(".md") && !name.endsWith(".tsv"))
                    .filter(name -> !labelled.contains(name)).toList();
            assertEquals(List.of(), unlabelled, "every file of the corpus has a label");
        }
    }

    @Test
    void theMaliciousCheckpointNamesTheCallItWouldMake() {
        FileReport report = ModelScanner.standard().scanFile(CORPUS.resolve("modelscan/unsafe_zip_pytorch.pt"), false);
        assertEquals(FileFormat.PYTORCH_ZIP, report.format());
        assertTrue(report.findings().stream().anyMatch(f -> f.rating() == Rating.DANGEROUS
                && f.toString().contains("system")), report.findings().toString());
    }
}
