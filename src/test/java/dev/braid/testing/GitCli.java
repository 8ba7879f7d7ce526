package dev.braid.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real {@code git} command line in a folder, with a fixed identity and no global config. */
public final class GitCli {
    private final Path dir;
    private long clock = 1_700_000_000L;

    public GitCli(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Runs git and returns its standard output; fails the test on a non-zero exit. */
    public String run(String... args) {
        return runWithEnv(Map.of(), args);
    }

    /** Commits with strictly increasing, distinct dates so that orders are unambiguous. */
    public String commitAll(String message) {
        clock += 60;
        String date = clock + " +0200";
        runWithEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "add", "-A");
        runWithEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "commit", "-q", "--allow-empty", "-m", message);
        return run("rev-parse", "HEAD").strip();
    }

    /** Merges {@code branches} into the current branch with a merge commit dated like {@link #commitAll}. */
    public String merge(String message, String... branches) {
        clock += 60;
        String date = clock + " +0200";
        List<String> args = new ArrayList<>(List.of("merge", "-q", "--no-ff", "-m", message));
        args.addAll(List.of(branches));
        runWithEnv(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), args.toArray(String[]::new));
        return run("rev-parse", "HEAD").strip();
    }

    public String runWithEnv(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-c");
        command.add("init.defaultBranch=main");
        command.add("-c");
        command.add("protocol.file.allow=always");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_AUTHOR_NAME", "Ada Lovelace");
        env.put("GIT_AUTHOR_EMAIL", "ada@example.org");
        env.put("GIT_COMMITTER_NAME", "Ada Lovelace");
        env.put("GIT_COMMITTER_EMAIL", "ada@example.org");
        env.putAll(extraEnv);
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code git log --all --format=%H %P} as lines, or for one revision. */
    public List<String> log(String... revisions) {
        List<String> args = new ArrayList<>(List.of("log", "--format=%H %P"));
        if (revisions.length == 0) {
            args.add("--all");
        } else {
            args.addAll(List.of(revisions));
        }
        String out = run(args.toArray(String[]::new)).strip();
        return out.isEmpty() ? List.of() : Stream.of(out.split("\n")).map(String::strip).toList();
    }
}
