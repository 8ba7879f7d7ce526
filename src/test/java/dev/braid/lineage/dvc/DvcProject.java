package dev.braid.lineage.dvc;

import dev.braid.testing.DvcCli;
import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small project built by the real {@code git} and {@code dvc}: raw data tracked with
 * {@code dvc add}, a two-stage pipeline (prepare, train) run by {@code dvc repro}, a commit that
 * touches no DVC file, and new raw data with the pipeline re-run.
 */
final class DvcProject {
    final Path work;
    final Path remote;
    /** Commit name (init, added, pipeline, readme, newData) to hash. */
    final Map<String, String> commits = new LinkedHashMap<>();
    /** File → MD5 of its content when the named commit was made. */
    final Map<String, Map<String, String>> md5At = new LinkedHashMap<>();

    private DvcProject(Path work, Path remote) {
        this.work = work;
        this.remote = remote;
    }

    static DvcProject build(Path dir) throws Exception {
        DvcProject project = new DvcProject(dir.resolve("project"), dir.resolve("remote"));
        Path work = project.work;
        Files.createDirectories(work.resolve("data"));
        GitCli git = new GitCli(work);
        git.run("init", "-q");
        DvcCli dvc = DvcCli.in(work);
        dvc.run("init", "-q");
        dvc.run("remote", "add", "-d", "storage", project.remote.toString());
        project.commits.put("init", git.commitAll("Start tracking data with DVC"));

        Files.writeString(work.resolve("data/raw.csv"), "id,value\n1,10\n2,20\n");
        Files.writeString(work.resolve("prepare.py"),
                "import shutil\nshutil.copy('data/raw.csv', 'data/prepared.csv')\n");
        Files.writeString(work.resolve("train.py"),
                "open('model.txt', 'w').write(str(len(open('data/prepared.csv').read())))\n");
        dvc.run("add", "-q", "data/raw.csv");
        project.commit(git, "added", "Add raw data");

        dvc.run("stage", "add", "-q", "-n", "prepare", "-d", "data/raw.csv", "-d", "prepare.py",
                "-o", "data/prepared.csv", "python prepare.py");
        dvc.run("stage", "add", "-q", "-n", "train", "-d", "data/prepared.csv", "-d", "train.py",
                "-o", "model.txt", "python train.py");
        dvc.run("repro", "-q");
        project.commit(git, "pipeline", "Prepare and train");

        Files.writeString(work.resolve("README.md"), "Nothing DVC here\n");
        project.commit(git, "readme", "Docs only");

        Files.writeString(work.resolve("data/raw.csv"), "id,value\n1,10\n2,20\n3,30\n");
        dvc.run("add", "-q", "data/raw.csv");
        dvc.run("repro", "-q");
        project.commit(git, "newData", "More raw data, retrained");
        return project;
    }

    private void commit(GitCli git, String name, String message) throws Exception {
        commits.put(name, git.commitAll(message));
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String file : new String[] {"data/raw.csv", "prepare.py", "train.py", "data/prepared.csv", "model.txt"}) {
            if (Files.exists(work.resolve(file))) {
                hashes.put(file, md5(work.resolve(file)));
            }
        }
        md5At.put(name, hashes);
    }

    static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
