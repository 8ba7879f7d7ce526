package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.sync.Source;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncRun;
import dev.braid.testing.PythonEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renaming an MLflow source keeps the lineage history its syncs recorded (ADR 15): real MLflow
 * registers two versions of a model and points {@code champion} at the first, Braid syncs, MLflow
 * moves the alias to the second, Braid syncs again (the first assignment ends), then the source is
 * renamed. The ended edge is there under the new name with its times, and a sync after the rename
 * neither loses nor repeats it.
 */
class RenameKeepsEdgeHistoryTest {
    private static final String REGISTER = """
            import mlflow
            from mlflow import MlflowClient
            client = MlflowClient()
            for n in range(2):
                with mlflow.start_run(run_name="train-%d" % n) as run:
                    mlflow.log_metric("auc", 0.8 + n / 100)
                    mlflow.log_text("artifact_path: model\\n", "model/MLmodel")
                mlflow.register_model("runs:/%s/model" % run.info.run_id, "churn")
            client.set_registered_model_alias("churn", "champion", "1")
            """;
    private static final String MOVE = """
            from mlflow import MlflowClient
            MlflowClient().set_registered_model_alias("churn", "champion", "2")
            """;

    @TempDir
    Path tmp;

    @Test
    void theEndedAliasAssignmentFollowsTheRenameWithItsTimes() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("mlflow")).resolve("mlflow.db");
        python(REGISTER, store);
        try (AppContext app = AppContext.open(new DataDirectories(tmp.resolve("data"), tmp.resolve("config")), Clock.systemUTC())) {
            Source mlflow = app.experiments().addMlflow("sqlite:///" + store, "local", null, null, null);
            sync(app, mlflow);
            python(MOVE, store);
            sync(app, mlflow);
            List<String> ended = ended(app, "mlflow:local");
            String first = ended.stream().filter(e -> e.startsWith(LineageIds.modelVersion("local", "churn", "1").value() + " -> "
                    + LineageIds.alias("local", "churn", "champion").value())).findFirst()
                    .orElseThrow(() -> new AssertionError("the move ended the first assignment: " + ended));
            String[] times = first.split(" ");
            assertTrue(Long.parseLong(times[times.length - 2]) < Long.parseLong(times[times.length - 1]), first);

            Source renamed = app.sourceManager().rename(mlflow, "tracking");

            assertEquals(List.of(), ended(app, "mlflow:local"));
            assertEquals(ended.stream().map(e -> e.replace(":local:", ":tracking:")).toList(), ended(app, "mlflow:tracking"),
                    "every ended edge is kept, under the new name and ids, with the same times");
            assertTrue(live(app, "mlflow:tracking").contains(LineageIds.modelVersion("tracking", "churn", "2").value() + " -> "
                    + LineageIds.alias("tracking", "churn", "champion").value()), "the live assignment is derived under the new name");
            assertEquals(List.of(), live(app, "mlflow:local"));

            sync(app, renamed);
            assertEquals(ended.stream().map(e -> e.replace(":local:", ":tracking:")).toList(), ended(app, "mlflow:tracking"),
                    "a sync after the rename neither loses nor repeats the history");
        }
    }

    private static void sync(AppContext app, Source source) throws Exception {
        SyncRun run = app.syncEngine().start(source, SyncListener.NONE).result().get(180, TimeUnit.SECONDS);
        assertTrue(run.usable(), String.valueOf(run.error()));
    }

    /** {@code assertedBy}'s live edges as "from -> to". */
    private static List<String> live(AppContext app, String assertedBy) {
        return app.database().read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT from_id, to_id FROM lineage_edges WHERE asserted_by = ?"
                    + " ORDER BY 1, 2")) {
                st.setString(1, assertedBy);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " -> " + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** {@code assertedBy}'s ended edges as "from -> to kind asserted_at ended_at", in order. */
    private static List<String> ended(AppContext app, String assertedBy) {
        return app.database().read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT from_id, to_id, kind, asserted_at, ended_at FROM lineage_edges_ended"
                    + " WHERE asserted_by = ? ORDER BY from_id, to_id, kind, asserted_at")) {
                st.setString(1, assertedBy);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " -> " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4)
                                + " " + rs.getLong(5));
                    }
                }
            }
            return out;
        });
    }

    /** Runs {@code script} with the real MLflow against the SQLite store {@code store}. */
    private void python(String script, Path store) throws Exception {
        PythonEnv env = PythonEnv.main().ensure();
        Path file = tmp.resolve("script.py");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder(env.python().toString(), file.toString()).directory(tmp.toFile())
                .redirectErrorStream(true);
        builder.environment().put("MLFLOW_TRACKING_URI", "sqlite:///" + store);
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0, "MLflow failed:\n" + out);
    }
}
