package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repositories built by the real {@code dvc} over several commits, read back from git objects. */
class DvcScannerTest {
    @TempDir
    static Path tmp;
    private static Path work;
    private static Map<String, String> commits;

    @BeforeAll
    static void buildARepositoryWithTheRealDvc() throws Exception {
        DvcProject project = DvcProject.build(tmp);
        work = project.work;
        commits = project.commits;
    }

    @Test
    void readsTheStagesAndTrackedDataOfEachCommit() throws Exception {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            DvcScanner scanner = new DvcScanner(repo);

            DvcSnapshot added = scanner.read(walk.parseCommit(ObjectId.fromString(commits.get("added"))));
            assertEquals(List.of("data/raw.csv.dvc"), added.stages().stream().map(DvcStage::name).toList());
            assertEquals(new DvcRemote(tmp.resolve("remote").toString(), false), added.remote());
            assertEquals(List.of(), added.problems());

            DvcSnapshot latest = scanner.read(walk.parseCommit(ObjectId.fromString(commits.get("newData"))));
            Map<String, DvcStage> stages = latest.stages().stream()
                    .collect(Collectors.toMap(DvcStage::name, Function.identity()));
            assertEquals(List.of("data/raw.csv.dvc", "prepare", "train"), stages.keySet().stream().sorted().toList());
            DvcStage prepare = stages.get("prepare");
            assertEquals("python prepare.py", prepare.cmd());
            assertEquals("dvc.lock", prepare.file());
            String rawMd5 = md5(work.resolve("data/raw.csv"));
            assertEquals(Map.of("data/raw.csv", rawMd5, "prepare.py", md5(work.resolve("prepare.py"))),
                    hashes(prepare.deps()));
            assertEquals(Map.of("data/prepared.csv", md5(work.resolve("data/prepared.csv"))), hashes(prepare.outs()));
            assertEquals(Map.of("model.txt", md5(work.resolve("model.txt"))), hashes(stages.get("train").outs()));
            assertEquals(rawMd5, stages.get("data/raw.csv.dvc").outs().get(0).hash(), "the .dvc file and the lock agree");

            DvcSnapshot before = scanner.read(walk.parseCommit(ObjectId.fromString(commits.get("pipeline"))));
            String oldRaw = before.stages().stream().filter(s -> s.name().equals("prepare")).findFirst().orElseThrow()
                    .deps().get(0).hash();
            assertFalse(oldRaw.equals(rawMd5), "each commit keeps the hash it recorded");
        }
    }

    @Test
    void onlyCommitsThatChangeDvcFilesAreTouched() throws Exception {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            DvcScanner scanner = new DvcScanner(repo);
            for (String name : List.of("init", "added", "pipeline", "newData")) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(commits.get(name)));
                assertEquals(!name.equals("init"), scanner.touchesDvc(commit), name);
            }
            assertFalse(scanner.touchesDvc(walk.parseCommit(ObjectId.fromString(commits.get("readme")))));
        }
    }

    @Test
    void aBrokenFileIsReportedAndTheOthersStillRead() throws Exception {
        GitCli git = new GitCli(work.getParent().resolve("project-broken"));
        Path broken = git.dir();
        Files.createDirectories(broken);
        git.run("init", "-q");
        Files.writeString(broken.resolve("good.csv.dvc"), "outs:\n- md5: 0cc175b9c0f1b6a831c399e269772661\n  path: good.csv\n");
        Files.writeString(broken.resolve("dvc.lock"), "schema: '2.0'\nstages: [this is: not closed\n");
        String head = git.commitAll("Half broken");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(broken.resolve(".git").toFile()).build();
                RevWalk walk = new RevWalk(repo)) {
            DvcSnapshot snapshot = new DvcScanner(repo).read(walk.parseCommit(ObjectId.fromString(head)));
            assertEquals(List.of("good.csv.dvc"), snapshot.stages().stream().map(DvcStage::name).toList());
            assertEquals(1, snapshot.problems().size());
            assertTrue(snapshot.problems().get(0).startsWith("dvc.lock: not valid YAML"), snapshot.problems().get(0));
        }
    }

    private static Repository open() throws Exception {
        return new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
    }

    private static Map<String, String> hashes(List<DvcEntry> entries) {
        return entries.stream().collect(Collectors.toMap(DvcEntry::path, DvcEntry::hash));
    }

    private static String md5(Path file) throws Exception {
        return DvcProject.md5(file);
    }
}
