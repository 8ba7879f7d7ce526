package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code braid.jar} as a real process, with its own home and data folder. */
final class BraidJar {
    private static final long TIMEOUT_SECONDS = 180;
    private final Path jar;
    private final Path home;
    private final Path dataDir;

    BraidJar(Path home) {
        String property = System.getProperty("braid.jar", "target/braid.jar");
        this.jar = Path.of(property).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "build the jar first (mvn package): " + jar);
        this.home = home;
        this.dataDir = home.resolve("braid-data");
    }

    Path dataDir() {
        return dataDir;
    }

    /** {@code braid --data-dir <data> args...} */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(Arrays.asList(args));
        return runRaw(List.of(), all);
    }

    /** {@code java <jvmOptions> -jar braid.jar args...}, without adding a data folder. */
    Result runRaw(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Short runs start about twice as fast on the quick compiler alone; behaviour is the same.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve("xdg-data").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("xdg-config").toString());
        env.remove("BRAID_HOME");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("braid " + args + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run braid", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Result(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
