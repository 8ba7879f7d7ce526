package dev.braid.lineage.dvc;

import dev.braid.testing.DvcCli;
import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project with years of DVC in its history, built by the real {@code git} and the pinned
 * {@code dvc}: raw data tracked by a {@code .dvc} file and a three-stage pipeline (prepare →
 * featurize → train), first recorded as DVC 1 wrote its files (stages at the top level of
 * {@code dvc.lock}, {@code md5} only), then rewritten by today's DVC into its own format without
 * re-running anything ({@code dvc commit -f}, {@code dvc cache migrate --dvc-files}), then new raw
 * data with the pipeline re-run. Its {@code origin} remote cannot be reached.
 */
final class DvcChainProject {
    static final String UNREACHABLE_REMOTE = "http://127.0.0.1:9/team/churn.git";
    static final List<String> FILES = List.of("data/raw.csv", "data/prepared.csv", "data/features.csv", "model.pkl",
            "prepare.py", "featurize.py", "train.py");
    final Path work;
    /** Commit name (dvc1, rewrite, newData) to hash. */
    final Map<String, String> commits = new LinkedHashMap<>();
    /** Commit name → file → MD5 of its content then. */
    final Map<String, Map<String, String>> md5At = new LinkedHashMap<>();

    private DvcChainProject(Path work) {
        this.work = work;
    }

    static DvcChainProject build(Path dir) throws Exception {
        DvcChainProject project = new DvcChainProject(dir.resolve("churn"));
        Path work = project.work;
        Files.createDirectories(work.resolve("data"));
        GitCli git = new GitCli(work);
        git.run("init", "-q");
        git.run("remote", "add", "origin", UNREACHABLE_REMOTE);
        DvcCli dvc = DvcCli.in(work);
        dvc.run("init", "-q");
        Files.writeString(work.resolve("data/raw.csv"), "id,amount\n1,10\n2,20\n");
        Files.writeString(work.resolve("prepare.py"),
                "open('data/prepared.csv', 'w').write(open('data/raw.csv').read().replace(',', ';'))\n");
        Files.writeString(work.resolve("featurize.py"),
                "rows = open('data/prepared.csv').read().splitlines()\n"
                        + "open('data/features.csv', 'w').write('\\n'.join(r + ',x' for r in rows) + '\\n')\n");
        Files.writeString(work.resolve("train.py"),
                "open('model.pkl', 'w').write(str(len(open('data/features.csv').read())))\n");
        dvc.run("add", "-q", "data/raw.csv");
        dvc.run("stage", "add", "-q", "-n", "prepare", "-d", "data/raw.csv", "-d", "prepare.py",
                "-o", "data/prepared.csv", "python prepare.py");
        dvc.run("stage", "add", "-q", "-n", "featurize", "-d", "data/prepared.csv", "-d", "featurize.py",
                "-o", "data/features.csv", "python featurize.py");
        dvc.run("stage", "add", "-q", "-n", "train", "-d", "data/features.csv", "-d", "train.py",
                "-o", "model.pkl", "python train.py");
        dvc.run("repro", "-q");
        // What DVC 1 committed for the same work: the lock's stages at the top level and md5 alone;
        // .dvc files with md5 and path only.
        Files.writeString(work.resolve("dvc.lock"), asDvc1Lock(work));
        Files.writeString(work.resolve("data/raw.csv.dvc"), "outs:\n- md5: " + DvcProject.md5(work.resolve("data/raw.csv"))
                + "\n  path: raw.csv\n");
        project.commit(git, "dvc1", "Pipeline recorded by DVC 1");

        // Today's DVC refuses the old lock; writing it again from the workspace re-runs nothing.
        Files.delete(work.resolve("dvc.lock"));
        dvc.run("commit", "-f", "-q");
        dvc.run("cache", "migrate", "--dvc-files");
        project.commit(git, "rewrite", "Upgrade DVC files to the DVC 3 format");

        Files.writeString(work.resolve("data/raw.csv"), "id,amount\n1,10\n2,20\n3,35\n");
        dvc.run("add", "-q", "data/raw.csv");
        dvc.run("repro", "-q");
        project.commit(git, "newData", "More raw data, retrained");
        return project;
    }

    /** The lock file as DVC 1 wrote it, from the stages and hashes today's DVC recorded. */
    private static String asDvc1Lock(Path work) throws Exception {
        StringBuilder out = new StringBuilder();
        for (DvcStage stage : DvcFiles.parseLock("dvc.lock", Files.readString(work.resolve("dvc.lock")), null).stages()) {
            out.append(stage.name()).append(":\n  cmd: ").append(stage.cmd()).append('\n');
            section(out, "deps", stage.deps());
            section(out, "outs", stage.outs());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String name, List<DvcEntry> entries) {
        out.append("  ").append(name).append(":\n");
        for (DvcEntry entry : entries) {
            out.append("  - path: ").append(entry.path()).append("\n    md5: ").append(entry.hash()).append('\n');
        }
    }

    private void commit(GitCli git, String name, String message) throws Exception {
        commits.put(name, git.commitAll(message));
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String file : FILES) {
            hashes.put(file, DvcProject.md5(work.resolve(file)));
        }
        md5At.put(name, hashes);
    }
}
