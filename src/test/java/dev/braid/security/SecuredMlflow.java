package dev.braid.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.app.AppContext;
import dev.braid.app.DataDirectories;
import dev.braid.lineage.MlflowLineageStep;
import dev.braid.sync.Source;
import dev.braid.testing.MlflowHarness;
import dev.braid.testing.PythonEnv;
import dev.braid.testing.SharedServices;
import dev.braid.testing.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The shared real MLflow server with models logged by {@code seed_models.py} (a scikit-learn
 * model in skops and pickle formats, and a deliberately malicious pickle), and a Braid data
 * folder with that server added as a source and synced, wired by {@link AppContext}.
 */
public final class SecuredMlflow implements AutoCloseable {
    static final Path SCRIPT = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/security/seed_models.py");
    public final MlflowHarness mlflow;
    public final AppContext context;
    public final Source source;
    public final String model;
    public final JsonNode seeded;

    private SecuredMlflow(MlflowHarness mlflow, AppContext context, Source source, JsonNode seeded) {
        this.mlflow = mlflow;
        this.context = context;
        this.source = source;
        this.seeded = seeded;
        this.model = seeded.path("model").asText();
    }

    /** Seeds models with a fresh prefix on the shared server and syncs them into a new cache under {@code dir}. */
    public static SecuredMlflow start(SharedServices.Registry services, Path dir) throws Exception {
        MlflowHarness mlflow = services.get("mlflow", MlflowHarness.class, MlflowHarness::start);
        String prefix = "sec" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode seeded = python(mlflow, dir, "seed", prefix);
        AppContext context = AppContext.open(new DataDirectories(dir.resolve("data"), dir.resolve("config")),
                Clock.systemUTC());
        Source source = context.experiments().addMlflow(mlflow.uri(), "tracking", null, null, null);
        // As the sync engine does: lineage edges are derived after the MLflow sync.
        MlflowLineageStep.after(context.mlflowSyncer(), context.lineage()).sync(source, TestContexts.quiet());
        return new SecuredMlflow(mlflow, context, source, seeded);
    }

    /** The version the server's alias points at now (null when unset), read by the MLflow client. */
    public String serverAlias(Path dir, String alias) throws IOException, InterruptedException {
        JsonNode answer = python(mlflow, dir, "alias", model, alias);
        return answer.path("version").isNull() ? null : answer.path("version").asText();
    }

    /** {@code tracking:<model>/<version>}. */
    public String versionId(String version) {
        return "tracking:" + model + "/" + version;
    }

    static JsonNode python(MlflowHarness mlflow, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PythonEnv.main().ensure().python().toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        Path log = Files.createTempFile(dir, "seed-models", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile());
        builder.environment().put("MLFLOW_TRACKING_URI", mlflow.uri());
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("seed_models.py " + String.join(" ", args) + " failed:\n" + out + "\n"
                    + Files.readString(log));
        }
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Override
    public void close() {
        context.close();
    }
}
