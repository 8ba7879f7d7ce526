package dev.braid.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python virtual environment for the tests, built from pinned requirements: the real tools and
 * services Braid is tested against (MLflow, DVC, Feast, Airflow, model scanners…). Each tool
 * family has its own environment so that their dependencies never have to agree:
 * {@code .ci/venv} from {@code .ci/requirements.txt} ({@link #main()}), and
 * {@code .ci/venv-NAME} from {@code .ci/requirements-NAME.txt} ({@link #named(String)}).
 *
 * <p>{@link #ensure()} creates the environment when it is missing or was installed from other
 * pins (the same check as {@code .ci/run}, which builds them all up front on CI). Without
 * Python the tests fail with a message saying how to fix it; they never skip.
 */
public final class PythonEnv {
    public static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String INSTALLED = "requirements.installed";
    private final String name;
    private final Path dir;
    private final Path requirements;

    private PythonEnv(String name, Path dir, Path requirements) {
        this.name = name;
        this.dir = dir;
        this.requirements = requirements;
    }

    /** {@code .ci/venv}, from {@code .ci/requirements.txt}: MLflow, the OpenLineage client, DVC. */
    public static PythonEnv main() {
        return new PythonEnv("main", ROOT.resolve(".ci/venv"), ROOT.resolve(".ci/requirements.txt"));
    }

    /** {@code .ci/venv-NAME}, from {@code .ci/requirements-NAME.txt}. */
    public static PythonEnv named(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("not an environment name: " + name);
        }
        return new PythonEnv(name, ROOT.resolve(".ci/venv-" + name), ROOT.resolve(".ci/requirements-" + name + ".txt"));
    }

    /** The environment's folder. */
    public Path dir() {
        return dir;
    }

    /** The path of an executable installed into the environment, such as {@code bin("mlflow")}. */
    public Path bin(String executable) {
        return dir.resolve("bin").resolve(executable);
    }

    /** The environment's interpreter. */
    public Path python() {
        return bin("python");
    }

    /**
     * Creates the environment unless it is there and was installed from the current pins; safe
     * to call from every test (cheap after the first call) and from several JVMs at once.
     */
    public PythonEnv ensure() throws IOException, InterruptedException {
        String wanted = Files.readString(requirements);
        if (upToDate(wanted)) {
            return this;
        }
        Files.createDirectories(dir.getParent());
        Path lockFile = dir.getParent().resolve(".venv-" + name + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (upToDate(wanted)) {
                return this; // another JVM built it while this one waited
            }
            String python = System.getenv().getOrDefault("BRAID_PYTHON", "python3");
            System.out.println("[python env] creating " + dir + " with " + python + " (first time: a few minutes)");
            run(List.of(python, "-m", "venv", "--clear", dir.toString()), "creating the virtual environment");
            List<String> pip = new ArrayList<>(List.of(bin("pip").toString(), "install", "--quiet",
                    "--disable-pip-version-check", "-r", requirements.toString()));
            run(pip, "installing " + requirements.getFileName());
            Files.writeString(dir.resolve(INSTALLED), wanted);
            System.out.println("[python env] " + dir + " is ready");
        }
        return this;
    }

    private boolean upToDate(String wanted) throws IOException {
        Path marker = dir.resolve(INSTALLED);
        return Files.isExecutable(python()) && Files.exists(marker) && Files.readString(marker).equals(wanted);
    }

    private static void run(List<String> command, String what) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new IllegalStateException("These tests need Python 3 with venv and pip (" + what + " failed: "
                    + e.getMessage() + "). Install it (Debian: apt-get install python3 python3-venv python3-pip)"
                    + " or point BRAID_PYTHON at a python3, then run the tests again; .ci/run does this on CI.", e);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " failed (" + String.join(" ", command) + " exited with "
                    + process.exitValue() + "). Check that python3 has venv and that pip can reach its package index;"
                    + " delete the environment's folder and try again.");
        }
    }
}
