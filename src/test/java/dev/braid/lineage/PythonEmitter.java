package dev.braid.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.MlflowHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code openlineage_emit.py} (the real OpenLineage and MLflow Python clients) from {@code .ci/venv}. */
public final class PythonEmitter {
    public static final Path SCRIPT = MlflowHarness.ROOT.resolve("src/test/resources/dev/braid/lineage/openlineage_emit.py");

    private PythonEmitter() {
    }

    /** {@code openlineage_emit.py ARGS...} in {@code dir}; returns the JSON document on its last line. */
    public static JsonNode run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        MlflowHarness.ensureVenv();
        Files.createDirectories(dir);
        // Run a copy outside this git work tree: MLflow tags runs with the git commit of the script it runs.
        Path script = Files.copy(SCRIPT, dir.resolve(SCRIPT.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(MlflowHarness.VENV.resolve("bin/python").toString(), script.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "python", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
        // The client would otherwise read a user's ~/.openlineage or OPENLINEAGE_* settings.
        builder.environment().put("HOME", dir.toString());
        builder.environment().keySet().removeIf(k -> k.startsWith("OPENLINEAGE"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("openlineage_emit.py " + String.join(" ", args) + " failed:\n" + out + "\n"
                    + Files.readString(log));
        }
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
