package dev.braid.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code git} command line, run in one repository with no user or system configuration. */
final class GitCli {
    private final Path repo;

    GitCli(Path repo) {
        this.repo = repo;
    }

    /** Runs git and returns its stdout; fails the test when git fails. */
    String run(String... args) {
        return run(Map.of(), null, args);
    }

    /** Runs git with extra environment variables and optional stdin text. */
    String run(Map<String, String> extraEnv, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "init.defaultBranch=main"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_AUTHOR_NAME", "Test Author");
        env.put("GIT_AUTHOR_EMAIL", "author@example.com");
        env.put("GIT_COMMITTER_NAME", "Test Committer");
        env.put("GIT_COMMITTER_EMAIL", "committer@example.com");
        env.putAll(extraEnv);
        try {
            Files.createDirectories(repo);
            Path out = Files.createTempFile("git", ".out");
            Path err = Files.createTempFile("git", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (stdin != null) {
                    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                process.getOutputStream().close();
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new AssertionError("git " + String.join(" ", args) + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Commits a change to {@code file} at the given author and committer time (ISO-8601 with offset). */
    void commit(String file, String content, String subject, String isoTime) {
        try {
            Files.writeString(repo.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        run("add", file);
        Map<String, String> dates = new HashMap<>();
        dates.put("GIT_AUTHOR_DATE", isoTime);
        dates.put("GIT_COMMITTER_DATE", isoTime);
        run(dates, null, "commit", "-q", "-m", subject);
    }

    /** {@code git log --format=...} lines for {@code revisions} (e.g. {@code main}, {@code --all}). */
    List<String> log(String format, String... revisions) {
        List<String> args = new ArrayList<>(List.of("log", "--format=" + format));
        args.addAll(Arrays.asList(revisions));
        return run(args.toArray(String[]::new)).lines().toList();
    }
}
