package dev.braid.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Real W&B offline runs, written once per test JVM by the pinned {@code wandb} client
 * ({@code .ci/requirements-wandb.txt}) inside a real git repository, with what the client itself
 * reads back from each run folder ({@code wandb leet inspect}): the run's state as one JSON object
 * and every record of its log as JSON lines.
 */
public final class WandbOfflineRuns {
    public static final int STEPS = 3000;
    public static final String REMOTE = "https://example.com/team/churn.git";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WandbOfflineRuns shared;
    private final Path project;
    private final String commit;
    private final Map<String, Path> folders;
    private final Map<String, JsonNode> summaries;
    private final Map<String, List<JsonNode>> records;

    private WandbOfflineRuns(Path project, String commit, Map<String, Path> folders, Map<String, JsonNode> summaries,
                             Map<String, List<JsonNode>> records) {
        this.project = project;
        this.commit = commit;
        this.folders = folders;
        this.summaries = summaries;
        this.records = records;
    }

    /** The runs, written on the first call. */
    public static synchronized WandbOfflineRuns shared() throws Exception {
        if (shared == null) {
            shared = write();
        }
        return shared;
    }

    /** The git repository the runs were started in (its {@code wandb/} folder holds them). */
    public Path project() {
        return project;
    }

    /** The commit the repository was at when the runs were written. */
    public String commit() {
        return commit;
    }

    /** Run folder by run id. */
    public Map<String, Path> folders() {
        return folders;
    }

    /** {@code wandb leet inspect --summary --json} of a run: id, name, project, notes, tags, state, config, summary. */
    public JsonNode clientSummary(String runId) {
        return summaries.get(runId);
    }

    /** {@code wandb leet inspect --json} of a run: every record of its log, in order. */
    public List<JsonNode> clientRecords(String runId) {
        return records.get(runId);
    }

    private static WandbOfflineRuns write() throws Exception {
        PythonEnv env = PythonEnv.named("wandb").ensure();
        Path root = Files.createTempDirectory("braid-wandb");
        Path project = root.resolve("churn");
        String commit;
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            Files.writeString(project.resolve("train.py"), "print('train')\n");
            git.add().addFilepattern("train.py").call();
            RevCommit c = git.commit().setMessage("Train a churn model").setAuthor("Ada", "ada@example.com")
                    .setCommitter("Ada", "ada@example.com").setSign(false).call();
            commit = c.getName();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", REMOTE);
            config.save();
        }
        Path script = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/experiments/wandb/write_runs.py");
        String out = run(env, project, root, env.python().toString(), script.toString(), String.valueOf(STEPS));
        JsonNode ids = JSON.readTree(out.strip().lines().reduce((a, b) -> b).orElse("{}")).get("runs");
        Map<String, Path> folders = new LinkedHashMap<>();
        Map<String, JsonNode> summaries = new LinkedHashMap<>();
        Map<String, List<JsonNode>> records = new LinkedHashMap<>();
        try (var list = Files.list(project.resolve("wandb"))) {
            for (Path folder : list.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p)).sorted().toList()) {
                String name = folder.getFileName().toString();
                String id = name.substring(name.lastIndexOf('-') + 1);
                folders.put(id, folder);
                String wandb = env.bin("wandb").toString();
                summaries.put(id, JSON.readTree(run(env, project, root, wandb, "leet", "inspect", "--summary", "--json",
                        folder.toString())));
                List<JsonNode> lines = new ArrayList<>();
                for (String line : run(env, project, root, wandb, "leet", "inspect", "--json", folder.toString()).split("\n")) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
                records.put(id, lines);
            }
        }
        if (ids == null || ids.size() != folders.size()) {
            throw new IllegalStateException("wandb wrote " + folders.keySet() + " but reported " + ids + ":\n" + out);
        }
        return new WandbOfflineRuns(project, commit, Map.copyOf(folders), summaries, records);
    }

    private static String run(PythonEnv env, Path cwd, Path root, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        Map<String, String> e = builder.environment();
        e.put("WANDB_MODE", "offline");
        e.put("WANDB_SILENT", "true");
        // Keep the client's caches and settings inside the test's folder.
        for (String var : List.of("WANDB_CONFIG_DIR", "WANDB_CACHE_DIR", "WANDB_DATA_DIR", "WANDB_ARTIFACT_DIR")) {
            e.put(var, root.resolve("wandb-home").resolve(var.toLowerCase()).toString());
        }
        e.put("PATH", env.dir().resolve("bin") + java.io.File.pathSeparator + e.getOrDefault("PATH", ""));
        Path output = Files.createTempFile(root, "out", ".txt");
        Process process = builder.redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(root.resolve("stderr.txt").toFile())).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + Files.readString(root.resolve("stderr.txt")));
        }
        return text;
    }
}
