package dev.braid.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code dvc} pinned in {@code .ci/requirements.txt} (from {@code .ci/venv}, made
 * by {@link MlflowHarness#ensureVenv()} when missing) in a working tree.
 */
public final class DvcCli {
    private final Path workTree;

    private DvcCli(Path workTree) {
        this.workTree = workTree;
    }

    public static DvcCli in(Path workTree) throws IOException, InterruptedException {
        MlflowHarness.ensureVenv();
        return new DvcCli(workTree);
    }

    /** Runs {@code dvc ARGS...}; fails the test with DVC's output when it exits non-zero. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(MlflowHarness.VENV.resolve("bin/dvc").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workTree.toFile()).redirectErrorStream(true);
        builder.environment().put("DVC_NO_ANALYTICS", "1");
        builder.environment().put("PATH", MlflowHarness.VENV.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dvc " + String.join(" ", args) + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("dvc " + String.join(" ", args) + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
