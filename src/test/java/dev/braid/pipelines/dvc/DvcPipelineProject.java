package dev.braid.pipelines.dvc;

import dev.braid.testing.DvcCli;
import dev.braid.testing.GitCli;
import dev.braid.testing.MlflowHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DVC pipeline built and run by the real {@code git} and {@code dvc} over five commits:
 * {@code run1} everything run; {@code edited} a param, a source file and a command changed, and a
 * stage added, none of it re-run; {@code run2} re-run; {@code newData} raw data changed without
 * re-running; and one {@code dvc exp run} experiment on top. Stages: {@code prepare} (a
 * {@code .dvc}-tracked input, a source folder, params), {@code train} ({@code foreach} over
 * models, {@code wdir}), {@code evaluate} ({@code matrix}, metrics files kept in git).
 */
public final class DvcPipelineProject {
    public final Path work;
    public final GitCli git;
    public final DvcCli dvc;
    /** Tag (run1, edited, run2, newData) → commit. */
    public final Map<String, String> commits = new LinkedHashMap<>();

    private DvcPipelineProject(Path work) throws Exception {
        this.work = work;
        this.git = new GitCli(work);
        this.dvc = DvcCli.in(work);
    }

    public static DvcPipelineProject build(Path dir) throws Exception {
        Path work = dir.resolve("project");
        Files.createDirectories(work.resolve("data"));
        Files.createDirectories(work.resolve("src"));
        Files.createDirectories(work.resolve("models"));
        DvcPipelineProject p = new DvcPipelineProject(work);
        p.git.run("init", "-q");
        p.dvc.run("init", "-q");
        Files.writeString(work.resolve("data/raw.csv"), "id,value\n1,10\n2,20\n");
        p.dvc.run("add", "-q", "data/raw.csv");
        Files.writeString(work.resolve("src/util.py"), "SCALE = 1\n");
        Files.writeString(work.resolve("src/prepare.py"),
                "import shutil, sys\nshutil.copy('data/raw.csv', 'data/prepared.csv')\n");
        Files.writeString(work.resolve("params.yaml"), """
                prepare:
                  split: 0.2
                  seed: 7
                train:
                  lr: 0.1
                  epochs: 3
                models: [small, big]
                """);
        Files.writeString(work.resolve("dvc.yaml"), """
                stages:
                  prepare:
                    cmd: python src/prepare.py
                    deps: [data/raw.csv, src]
                    params: [prepare.split, prepare.seed]
                    outs: [data/prepared.csv]
                  train:
                    foreach: ${models}
                    do:
                      wdir: models
                      cmd: python -c "open('${item}.txt', 'w').write(str(${train.lr}))"
                      deps: [../data/prepared.csv]
                      params: [{../params.yaml: [train.lr]}]
                      outs: ["${item}.txt"]
                  evaluate:
                    matrix:
                      model: [small, big]
                      split: [dev, test]
                    cmd: >-
                      python -c "import json; json.dump({'acc': round(0.5 + ${train.lr}, 4), 'loss': {'total': ${train.epochs}}},
                      open('eval-${item.model}-${item.split}.json', 'w'))"
                    deps: ["models/${item.model}.txt"]
                    metrics:
                      - eval-${item.model}-${item.split}.json:
                          cache: false
                """);
        p.dvc.run("repro", "-q");
        p.commit("run1", "Run the pipeline");

        Files.writeString(work.resolve("params.yaml"), Files.readString(work.resolve("params.yaml"))
                .replace("split: 0.2", "split: 0.3").replace("lr: 0.1", "lr: 0.25"));
        Files.writeString(work.resolve("src/util.py"), "SCALE = 2\n");
        String yaml = Files.readString(work.resolve("dvc.yaml")).replace("cmd: python src/prepare.py",
                "cmd: python src/prepare.py --fast") + """
                  report:
                    cmd: cat eval-small-dev.json > report.txt
                    deps: [eval-small-dev.json]
                    outs: [report.txt]
                """;
        Files.writeString(work.resolve("dvc.yaml"), yaml);
        p.commit("edited", "Change params, code and a command without re-running");

        p.dvc.run("repro", "-q");
        p.commit("run2", "Re-run everything");

        Files.writeString(work.resolve("data/raw.csv"), "id,value\n1,10\n2,20\n3,30\n");
        p.dvc.run("add", "-q", "data/raw.csv");
        p.commit("newData", "New raw data, not re-run yet");
        return p;
    }

    private void commit(String tag, String message) {
        commits.put(tag, git.commitAll(message));
        git.run("tag", tag);
    }

    /**
     * Checks out {@code tag} with its data, as a user would before {@code dvc status}. DVC exits
     * non-zero when a stage that never ran has nothing to check out; the rest is checked out all
     * the same, so only its output is kept for the failure message of a later assertion.
     */
    String checkout(String tag) throws Exception {
        git.run("checkout", "-q", "-f", tag);
        ProcessBuilder builder = new ProcessBuilder(MlflowHarness.VENV.resolve("bin/dvc").toString(), "checkout", "-f")
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("DVC_NO_ANALYTICS", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dvc checkout did not finish in 120 s");
        }
        return output;
    }
}
