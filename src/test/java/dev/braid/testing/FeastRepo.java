package dev.braid.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Feast feature repository in a folder: a {@code feature_store.yaml} (local provider,
 * SQLite online store, file offline store) whose registry is a given file, definition files the
 * test writes, parquet data made with pandas, and {@code feast apply} / {@code feast
 * feature-views list-versions} run from the pinned Feast ({@code .ci/requirements-feast.txt}).
 */
public final class FeastRepo {
    private final PythonEnv env;
    private final Path dir;
    private final String project;

    private FeastRepo(PythonEnv env, Path dir, String project) {
        this.env = env;
        this.dir = dir;
        this.project = project;
    }

    /** Creates the repository's folder and {@code feature_store.yaml}; its registry is {@code registry}. */
    public static FeastRepo create(PythonEnv env, Path dir, String project, Path registry) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("feature_store.yaml"), """
                project: %s
                registry:
                  path: %s
                  cache_ttl_seconds: 0
                provider: local
                online_store:
                  type: sqlite
                  path: data/online_store.db
                offline_store:
                  type: file
                entity_key_serialization_version: 3
                """.formatted(project, registry.toAbsolutePath()));
        Files.writeString(dir.resolve(".feastignore"), "data/\n");
        return new FeastRepo(env, dir, project);
    }

    public Path dir() {
        return dir;
    }

    public String project() {
        return project;
    }

    /** Writes a file of the repository (a definition file, usually). */
    public FeastRepo write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    /**
     * Writes {@code data/<name>.parquet} with {@code rows} rows: an {@code event_timestamp}
     * column, each key column as int64 and each other column as float32 (what Feast checks its
     * sources against when it applies).
     */
    public FeastRepo parquet(String name, List<String> keys, List<String> floats, int rows) throws IOException, InterruptedException {
        String script = """
                import sys, json, numpy as np, pandas as pd
                from datetime import datetime, timedelta, timezone
                keys, floats, rows, out = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
                start = datetime(2026, 1, 1, tzinfo=timezone.utc)
                frame = {"event_timestamp": [start + timedelta(hours=i) for i in range(rows)]}
                for k in keys: frame[k] = np.arange(rows, dtype="int64")
                for f in floats: frame[f] = np.linspace(0, 1, rows, dtype="float32")
                pd.DataFrame(frame).to_parquet(out)
                """;
        run(List.of(env.python().toString(), "-c", script, json(keys), json(floats), String.valueOf(rows),
                dir.resolve("data/" + name + ".parquet").toString()), "writing data/" + name + ".parquet");
        return this;
    }

    /** Runs {@code feast apply}; returns its output, fails with it when Feast does. */
    public String apply() throws IOException, InterruptedException {
        return run(List.of(env.bin("feast").toString(), "apply"), "feast apply");
    }

    /**
     * {@code feast feature-views list-versions VIEW}: Feast's own list of a view's versions, one
     * {@code {version, type, created}} per row.
     */
    public List<Map<String, String>> listVersions(String view) throws IOException, InterruptedException {
        String out = run(List.of(env.bin("feast").toString(), "feature-views", "list-versions", view), "list-versions");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] cells = line.strip().split("\\s{2,}");
            if (cells.length >= 3 && cells[0].matches("v\\d+")) {
                rows.add(Map.of("version", cells[0], "type", cells[1], "created", cells[2]));
            }
        }
        return rows;
    }

    /** Runs a command of the Feast environment in the repository; returns its output. */
    public String run(List<String> command, String what) throws IOException, InterruptedException {
        Path log = Files.createTempFile("feast-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("FEAST_USAGE", "False");
            builder.environment().put("PYTHONWARNINGS", "ignore");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 10 minutes");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed in " + dir + " (exit " + process.exitValue() + "):\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String json(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String v : values) {
            out.append(out.length() > 1 ? "," : "").append('"').append(v).append('"');
        }
        return out.append(']').toString();
    }
}
