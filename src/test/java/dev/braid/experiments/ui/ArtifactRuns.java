package dev.braid.experiments.ui;

import dev.braid.app.AppContext;
import dev.braid.experiments.RunSummary;
import dev.braid.experiments.RunQuery;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import javax.imageio.ImageIO;

/**
 * A local MLflow file store added as a source, with one cached run whose artifact folder holds
 * real files: {@code README.md}, {@code metrics/summary.json}, {@code metrics/deep/history.csv},
 * {@code plots/curve.png} and a binary {@code model.bin}.
 */
final class ArtifactRuns {
    static final String RUN_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String SUMMARY = "{\"accuracy\": 0.93, \"loss\": 0.21}\n";
    final Path artifacts;
    final long sourceId;
    final RunSummary run;

    private ArtifactRuns(Path artifacts, long sourceId, RunSummary run) {
        this.artifacts = artifacts;
        this.sourceId = sourceId;
        this.run = run;
    }

    static ArtifactRuns create(AppContext context, Path folder) throws Exception {
        Path mlruns = Files.createDirectories(folder.resolve("mlruns"));
        Files.createDirectories(mlruns.resolve(".trash"));
        long sourceId = context.experiments().addMlflow(mlruns.toString(), "local-store", null, null, null).id();
        Path artifacts = Files.createDirectories(mlruns.resolve("1").resolve(RUN_ID).resolve("artifacts"));
        Files.writeString(artifacts.resolve("README.md"), "# Vision run\nTrained on the full set.\n");
        Files.createDirectories(artifacts.resolve("metrics/deep"));
        Files.writeString(artifacts.resolve("metrics/summary.json"), SUMMARY);
        Files.writeString(artifacts.resolve("metrics/deep/history.csv"), "step,loss\n0,0.9\n1,0.4\n");
        Files.createDirectories(artifacts.resolve("plots"));
        BufferedImage image = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 24; y++) {
                image.setRGB(x, y, (x * 6) << 16 | (y * 10) << 8 | 0x80);
            }
        }
        ImageIO.write(image, "png", artifacts.resolve("plots/curve.png").toFile());
        Files.write(artifacts.resolve("model.bin"), new byte[] {0, 1, 2, 3, 0, 5});
        context.database().write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO experiments(source_id, experiment_id, name) VALUES (?, '1', 'vision')")) {
                st.setLong(1, sourceId);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO runs(source_id, run_id, experiment_id, run_name, user_id, status, start_time, end_time,
                                     artifact_uri, synced_at) VALUES (?, ?, '1', 'resnet-run', 'ada', 'FINISHED', 1000, 61000, ?, 0)""")) {
                st.setLong(1, sourceId);
                st.setString(2, RUN_ID);
                st.setString(3, artifacts.toUri().toString());
                st.executeUpdate();
            }
            return null;
        });
        RunSummary run = context.experiments().runs(RunQuery.all()).stream()
                .filter(r -> r.runId().equals(RUN_ID)).findFirst().orElseThrow();
        return new ArtifactRuns(artifacts, sourceId, run);
    }

    /** Where Braid keeps its copy of artifact {@code path}. */
    Path download(AppContext context, String path) {
        return context.dirs().artifactsDir().resolve(sourceId + "/" + RUN_ID + "/" + path);
    }
}
