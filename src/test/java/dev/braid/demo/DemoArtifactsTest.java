package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifacts the demo's runs log: metrics, a model folder and, for runs with a history, a readable PNG chart. */
class DemoArtifactsTest {
    @Test
    void everyRunLogsItsMetricsAndModelAndSweepTrialsAChart(@TempDir Path tmp) throws Exception {
        Path mlruns = tmp.resolve("mlruns");
        new DemoMlflowStore(7).write(mlruns, List.of(new DemoMlflowStore.Commit("a".repeat(40), 1_700_000_000_000L, "ada"),
                new DemoMlflowStore.Commit("b".repeat(40), 1_700_100_000_000L, "lin")));
        List<Path> runs;
        try (Stream<Path> folders = Files.list(mlruns.resolve(DemoMlflowStore.SWEEPS))) {
            runs = folders.filter(f -> Files.isDirectory(f.resolve("artifacts"))).toList();
        }
        assertTrue(runs.size() > 100, "sweep runs: " + runs.size());
        int charts = 0;
        for (Path run : runs) {
            Path artifacts = run.resolve("artifacts");
            assertTrue(Files.readString(artifacts.resolve("metrics.json")).startsWith("{\n  \""), run.toString());
            assertTrue(Files.readString(artifacts.resolve("model/MLmodel")).contains("run_id: " + run.getFileName()));
            Path plots = artifacts.resolve("plots");
            if (Files.isDirectory(plots)) {
                try (Stream<Path> pngs = Files.list(plots)) {
                    for (Path png : pngs.toList()) {
                        BufferedImage image = ImageIO.read(png.toFile());
                        assertNotNull(image, png + " is a PNG");
                        assertEquals(320, image.getWidth());
                        assertEquals(160, image.getHeight());
                        charts++;
                    }
                }
            }
        }
        assertTrue(charts >= 150, "trials with a chart: " + charts);
    }
}
