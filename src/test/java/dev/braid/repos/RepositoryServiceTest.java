package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.sync.Source;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import dev.braid.testing.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryServiceTest {
    @TempDir
    Path tmp;
    RepoFixture braid;
    GitCli git;

    @BeforeEach
    void setUp() throws Exception {
        braid = new RepoFixture(tmp);
        Path work = Files.createDirectories(tmp.resolve("work"));
        git = new GitCli(work);
        git.run("init", "-q");
    }

    @AfterEach
    void tearDown() {
        braid.close();
    }

    /** main with a feature branch merged back, an octopus merge, and tags of both kinds. */
    private void buildBranchyHistory() throws Exception {
        write("README.md", "hello\n");
        git.commitAll("first");
        write("a.txt", "a\n");
        git.commitAll("second");
        git.run("tag", "light");
        git.run("checkout", "-q", "-b", "feature");
        write("f.txt", "feature\n");
        git.commitAll("feature work");
        git.run("checkout", "-q", "main");
        write("a.txt", "a\nb\n");
        git.commitAll("main work");
        git.merge("merge feature", "feature");
        for (String b : List.of("x", "y", "z")) {
            git.run("checkout", "-q", "-b", b, "main");
            write(b + ".txt", b + "\n");
            git.commitAll("work on " + b);
        }
        git.run("checkout", "-q", "main");
        git.merge("octopus", "x", "y", "z");
        git.run("tag", "-a", "v1.0", "-m", "release one");
    }

    private void write(String name, String text) throws Exception {
        Path file = git.dir().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void indexesEveryReachableCommitInGitLogOrder() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        assertEquals(git.log(), braid.historyLines(source.id(), null));
        assertEquals(git.log().size(), run.counts().added());
        RepoSummary summary = braid.repos().find(source.id()).orElseThrow();
        assertEquals("refs/heads/main", summary.headRef());
        assertEquals(RepoHealth.OK, summary.health());
        assertEquals(git.log().size(), summary.commitCount());
    }

    @Test
    void clockSkewStillListsChildrenBeforeParents() throws Exception {
        write("a.txt", "a\n");
        git.runWithEnv(Map.of("GIT_COMMITTER_DATE", "1900000000 +0000"), "add", "-A");
        git.runWithEnv(Map.of("GIT_COMMITTER_DATE", "1900000000 +0000"), "commit", "-q", "-m", "from the future");
        write("a.txt", "b\n");
        git.commitAll("child with an older date");
        Source source = braid.add(git.dir());
        braid.sync(source);

        List<String> ours = braid.historyLines(source.id(), null);
        assertEquals(git.run("log", "--topo-order", "--format=%H %P").strip().lines().map(String::strip).toList(), ours);
        assertEquals(ours, braid.walkedLines(source.id(), "HEAD", Long.MAX_VALUE));
    }

    @Test
    void keepsRefsOfEveryKindWithTheirTargets() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);

        List<GitRef> refs = braid.repos().refs(source.id());
        GitRef annotated = refs.stream().filter(r -> r.name().equals("refs/tags/v1.0")).findFirst().orElseThrow();
        GitRef light = refs.stream().filter(r -> r.name().equals("refs/tags/light")).findFirst().orElseThrow();
        GitRef head = refs.stream().filter(r -> r.name().equals("HEAD")).findFirst().orElseThrow();
        assertTrue(annotated.annotated());
        assertEquals(git.run("rev-parse", "v1.0^{commit}").strip(), annotated.target());
        assertEquals(git.run("rev-parse", "v1.0").strip(), annotated.tagObject());
        assertFalse(light.annotated());
        assertEquals(git.run("rev-parse", "light").strip(), light.target());
        assertEquals("refs/heads/main", head.symbolic());
        assertEquals(5, refs.stream().filter(r -> r.kind() == RefKind.BRANCH).count());
    }

    @Test
    void historyOfOneRefMatchesGitLogOfThatRef() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);

        assertEquals(git.log("feature"), braid.historyLines(source.id(), "feature"));
        assertEquals(git.log("light"), braid.historyLines(source.id(), "light"));
        assertEquals(git.log("v1.0"), braid.historyLines(source.id(), "refs/tags/v1.0"));
        assertEquals(List.of(), braid.historyLines(source.id(), "no-such-branch"));
    }

    @Test
    void walkingOneRefListsWhatGitLogListsAndStopsAtTheLimit() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);

        for (String ref : List.of("HEAD", "main", "feature", "light", "v1.0")) {
            assertEquals(git.log(ref), braid.walkedLines(source.id(), ref, Long.MAX_VALUE), ref);
            assertEquals(git.log(ref).subList(0, 2), braid.walkedLines(source.id(), ref, 2), ref);
        }
        assertEquals(git.log(), braid.walkedLines(source.id(), null, Long.MAX_VALUE));
        assertEquals(git.log().subList(0, 3), braid.walkedLines(source.id(), null, 3));
        assertEquals(List.of(), braid.walkedLines(source.id(), "no-such-branch", Long.MAX_VALUE));
    }

    @Test
    void pagesOfOneBranchJoinUpAndFollowLaterSyncs() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);
        List<String> paged = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += 3) {
            List<CommitRow> page = braid.repos().history(new HistoryQuery(source.id(), "main", null), offset, 3);
            page.forEach(c -> paged.add((c.hash() + " " + String.join(" ", c.parents())).strip()));
            if (page.size() < 3) {
                break;
            }
        }
        assertEquals(git.log("main"), paged);
        assertEquals(List.of("work on x"), braid.repos().history(new HistoryQuery(source.id(), "main", "on x"), 0, 10)
                .stream().map(CommitRow::subject).toList());

        write("late.txt", "late\n");
        git.commitAll("late commit");
        braid.sync(source);

        assertEquals(git.log("main"), braid.historyLines(source.id(), "main"));
    }

    @Test
    void incrementalSyncWalksOnlyNewCommits() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);
        for (int i = 0; i < 5; i++) {
            write("n.txt", "n" + i + "\n");
            git.commitAll("new " + i);
        }

        SyncRun run = braid.sync(source);

        assertEquals(5, run.counts().added());
        assertEquals(0, run.counts().removed());
        assertEquals(git.log(), braid.historyLines(source.id(), null));
    }

    @Test
    void rewrittenAndDeletedBranchesDropCommitsNoRefReaches() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);
        git.run("branch", "-D", "feature", "x", "y", "z");
        git.run("tag", "-d", "v1.0");
        git.run("reset", "-q", "--hard", "HEAD~1");
        write("rewritten.txt", "new\n");
        git.commitAll("rewritten history");

        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        assertEquals(git.log(), braid.historyLines(source.id(), null));
        assertEquals(1, run.counts().added());
        assertEquals(4, run.counts().removed(), "the octopus merge and the commits of x, y and z");
        assertTrue(braid.repos().refs(source.id()).stream().noneMatch(r -> r.name().equals("refs/heads/feature")));
    }

    @Test
    void detachedHeadIsShownAsSuch() throws Exception {
        buildBranchyHistory();
        String second = git.run("rev-parse", "light").strip();
        git.run("checkout", "-q", second);
        Source source = braid.add(git.dir());
        braid.sync(source);

        RepoSummary summary = braid.repos().find(source.id()).orElseThrow();
        GitRef head = braid.repos().refs(source.id()).stream().filter(r -> r.kind() == RefKind.HEAD).findFirst().orElseThrow();
        assertNull(head.symbolic());
        assertEquals(second, head.target());
        assertTrue(summary.detached());
    }

    @Test
    void emptyRepositoryIsAStateNotAnError() throws Exception {
        Source source = braid.add(git.dir());
        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        assertEquals(RepoHealth.EMPTY, braid.repos().find(source.id()).orElseThrow().health());
        assertEquals(List.of(), braid.historyLines(source.id(), null));
    }

    @Test
    void unbornBranchKeepsTheOtherBranchesHistory() throws Exception {
        write("a.txt", "a\n");
        git.commitAll("on main");
        git.run("checkout", "-q", "--orphan", "fresh");
        Source source = braid.add(git.dir());
        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        RepoSummary summary = braid.repos().find(source.id()).orElseThrow();
        assertEquals("refs/heads/fresh", summary.headRef());
        assertTrue(summary.healthNote().contains("no commits yet"), summary.healthNote());
        assertEquals(1, summary.commitCount());
    }

    @Test
    void shallowCloneIndexesWhatItHas() throws Exception {
        buildBranchyHistory();
        Path shallow = tmp.resolve("shallow");
        new GitCli(tmp).run("clone", "-q", "--depth", "2", "file://" + git.dir(), shallow.toString());
        Source source = braid.add(shallow);
        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        assertEquals(new GitCli(shallow).log(), braid.historyLines(source.id(), null));
        assertEquals(new GitCli(shallow).log("HEAD"), braid.walkedLines(source.id(), "HEAD", Long.MAX_VALUE));
    }

    @Test
    void nonUtf8MessagesAreDecodedByTheirEncodingHeader() throws Exception {
        Path message = tmp.resolve("msg.txt");
        Files.write(message, "Caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
        git.run("-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "--allow-empty", "-F", message.toString());
        Source source = braid.add(git.dir());
        braid.sync(source);

        assertEquals("Caf\u00e9 cr\u00e8me", braid.repos().history(HistoryQuery.all(source.id()), 0, 1).get(0).subject());
    }

    @Test
    void subjectsAreTheFirstParagraphOnOneLineAsGitShowsThem() throws Exception {
        Path message = tmp.resolve("msg.txt");
        Files.writeString(message, "  Wrapped subject\nthat goes on  \n\nBody text.\nMore body.\n");
        git.run("commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", message.toString());
        Source source = braid.add(git.dir());
        braid.sync(source);

        CommitDetail detail = braid.repos().commit(source.id(), "HEAD").orElseThrow();
        assertEquals(git.run("log", "-1", "--format=%s").strip(), detail.subject());
        assertEquals(git.run("log", "-1", "--format=%B"), detail.message() + "\n");
    }

    @Test
    void aRepositoryThatDisappearedFailsClearlyAndKeepsItsHistory() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);
        Files.move(git.dir(), tmp.resolve("moved"));

        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.FAILED, run.outcome());
        assertTrue(run.error().contains("No such folder"), run.error());
        RepoSummary summary = braid.repos().find(source.id()).orElseThrow();
        assertEquals(RepoHealth.MISSING, summary.health());
        assertEquals(new GitCli(tmp.resolve("moved")).log(), braid.historyLines(source.id(), null));
        assertThrows(RepoException.class, () -> braid.repos().changedFiles(source.id(), summary.headCommit()));
    }

    @Test
    void aCorruptObjectGivesACorruptStateNotACrash() throws Exception {
        write("a.txt", "a\n");
        git.commitAll("one");
        write("a.txt", "b\n");
        String tip = git.commitAll("two");
        Source source = braid.add(git.dir());
        Path object = git.dir().resolve(".git/objects/" + tip.substring(0, 2) + "/" + tip.substring(2));
        object.toFile().setWritable(true);
        Files.write(object, new byte[] {1, 2, 3, 4, 5});

        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.FAILED, run.outcome());
        assertEquals(RepoHealth.CORRUPT, braid.repos().find(source.id()).orElseThrow().health());
        assertTrue(run.error().contains("damaged"), run.error());
        assertEquals(List.of(), braid.historyLines(source.id(), null), "nothing half-indexed is shown");
    }

    @Test
    void addingAFolderThatDoesNotExistChangesNothing() {
        RepoException error = assertThrows(RepoException.class,
                () -> braid.repos().add(tmp.resolve("nope").toString(), null, dev.braid.testing.TestContexts.quiet()));
        assertTrue(error.getMessage().contains("No such folder"), error.getMessage());
        assertEquals(List.of(), braid.app.sources().list());
    }

    @Test
    void addingAFolderThatIsNoRepositoryChangesNothing() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        RepoException error = assertThrows(RepoException.class, () -> braid.add(plain));
        assertTrue(error.getMessage().contains("not a git repository"), error.getMessage());
        assertEquals(List.of(), braid.app.sources().list());
    }

    @Test
    void addingTheSameFolderTwiceIsRefused() throws Exception {
        braid.add(git.dir());
        RepoException error = assertThrows(RepoException.class, () -> braid.add(git.dir()));
        assertTrue(error.getMessage().contains("already added"), error.getMessage());
    }

    @Test
    void clonesByFileUrlAndFetchesNewCommitsOnSync() throws Exception {
        buildBranchyHistory();
        Source source = braid.repos().add("file://" + git.dir(), "cloned", dev.braid.testing.TestContexts.quiet());
        braid.sync(source);
        write("later.txt", "later\n");
        git.commitAll("pushed later");

        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        RepoSummary summary = braid.repos().find(source.id()).orElseThrow();
        assertTrue(summary.path().startsWith(braid.app.dirs().clonesDir().toString()));
        assertEquals("file://" + git.dir(), summary.remoteUrl());
        List<String> remoteLog = braid.historyLines(source.id(), "origin/main");
        assertEquals(git.log("main"), remoteLog);
        assertEquals(1, summary.behind());
    }

    @Test
    void keepsOnlyTheNamesOfCredentialVariables() throws Exception {
        write("a.txt", "a\n");
        git.commitAll("one");
        Source source = braid.repos().add(git.dir().toString(), null,
                Map.of("usernameEnv", "CI_USER", "passwordEnv", "CI_TOKEN", "password", "not-kept"),
                dev.braid.testing.TestContexts.quiet());

        Source stored = braid.app.sources().find(source.id()).orElseThrow();
        assertEquals("CI_USER", stored.config("usernameEnv"));
        assertEquals("CI_TOKEN", stored.config("passwordEnv"));
        assertNull(stored.config("password"));
    }

    @Test
    void anUnreachableRemoteIsReportedWhileLocalHistoryIsIndexed() throws Exception {
        write("a.txt", "a\n");
        git.commitAll("local");
        git.run("remote", "add", "origin", "http://127.0.0.1:9/nothing.git");
        Source source = braid.add(git.dir());

        SyncRun run = braid.sync(source);

        // Offline is not a failure (issue: offline means offline): the local history is indexed,
        // the fetch failure is a warning and the source is marked stale.
        assertEquals(SyncOutcome.STALE, run.outcome(), run.error());
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("could not be reached")), run.warnings().toString());
        assertEquals(RepoHealth.UNREACHABLE, braid.repos().find(source.id()).orElseThrow().health());
        assertEquals(git.log(), braid.historyLines(source.id(), null));
    }

    @Test
    void changedFilesAndDiffsComeFromTheRepository() throws Exception {
        write("a.txt", "one\ntwo\nthree\n");
        write("b.txt", "bee\n");
        git.commitAll("start");
        write("a.txt", "one\n2\nthree\nfour\n");
        Files.delete(git.dir().resolve("b.txt"));
        Files.write(git.dir().resolve("bin.dat"), new byte[] {0, 1, 2, 0, 3});
        String tip = git.commitAll("change");
        Source source = braid.add(git.dir());
        braid.sync(source);

        List<ChangedFile> files = braid.repos().changedFiles(source.id(), tip);
        ChangedFile a = files.stream().filter(f -> f.path().equals("a.txt")).findFirst().orElseThrow();
        assertEquals(ChangedFile.ChangeKind.MODIFIED, a.change());
        assertEquals("2\t1\ta.txt", git.run("show", "--numstat", "--format=", tip, "--", "a.txt").strip());
        assertEquals(2, a.added());
        assertEquals(1, a.removed());
        assertTrue(files.stream().anyMatch(f -> f.path().equals("b.txt") && f.change() == ChangedFile.ChangeKind.DELETED));
        assertTrue(files.stream().anyMatch(f -> f.path().equals("bin.dat") && f.binary()));

        FileDiff diff = braid.repos().diff(source.id(), tip, "a.txt");
        assertEquals(List.of("two"), diff.lines().stream().filter(l -> l.kind() == DiffLine.Kind.REMOVED).map(DiffLine::text).toList());
        assertEquals(List.of("2", "four"), diff.lines().stream().filter(l -> l.kind() == DiffLine.Kind.ADDED).map(DiffLine::text).toList());
        assertEquals(2, diff.lines().stream().filter(l -> l.kind() == DiffLine.Kind.REMOVED).findFirst().orElseThrow().oldLine());
    }

    @Test
    void changesBetweenTwoCommitsMatchGitDiff() throws Exception {
        write("train.py", "lr = 0.1\nepochs = 5\n");
        write("README.md", "churn\n");
        String older = git.commitAll("start");
        write("train.py", "lr = 0.05\nepochs = 5\n");
        git.commitAll("lower lr");
        git.run("checkout", "-q", "-b", "side", older);
        write("train.py", "lr = 0.1\nepochs = 9\nseed = 1\n");
        write("data.txt", "rows\n");
        String side = git.commitAll("more epochs");
        git.run("checkout", "-q", "main");
        String tip = git.run("rev-parse", "HEAD").strip();
        Source source = braid.add(git.dir());
        braid.sync(source);

        // Two commits on different branches: neither is the other's parent.
        List<ChangedFile> files = braid.repos().changedFilesBetween(source.id(), tip.substring(0, 10), side);
        assertEquals(List.of("data.txt", "train.py"), files.stream().map(ChangedFile::path).sorted().toList());
        ChangedFile train = files.stream().filter(f -> f.path().equals("train.py")).findFirst().orElseThrow();
        assertEquals(git.run("diff", "--numstat", tip, side, "--", "train.py").strip(),
                train.added() + "\t" + train.removed() + "\ttrain.py");
        assertEquals(ChangedFile.ChangeKind.ADDED, files.stream().filter(f -> f.path().equals("data.txt"))
                .findFirst().orElseThrow().change());

        FileDiff diff = braid.repos().diffBetween(source.id(), tip, side, "train.py");
        assertEquals(List.of("lr = 0.05", "epochs = 5"), diff.lines().stream()
                .filter(l -> l.kind() == DiffLine.Kind.REMOVED).map(DiffLine::text).toList());
        assertEquals(List.of("lr = 0.1", "epochs = 9", "seed = 1"), diff.lines().stream()
                .filter(l -> l.kind() == DiffLine.Kind.ADDED).map(DiffLine::text).toList());
        assertEquals(List.of(), braid.repos().changedFilesBetween(source.id(), side, side));
        assertThrows(RepoException.class, () -> braid.repos().changedFilesBetween(source.id(), tip, "0123456789ab"));
    }

    @Test
    void searchFindsCommitsBySubjectAuthorAndHashPrefix() throws Exception {
        buildBranchyHistory();
        Source source = braid.add(git.dir());
        braid.sync(source);
        String feature = git.run("rev-parse", "feature").strip();

        assertEquals(List.of("feature work"), braid.repos().search("feature w", 10).stream().map(h -> h.commit().subject()).toList());
        assertEquals(feature, braid.repos().search(feature.substring(0, 8), 10).get(0).commit().hash());
        assertEquals(git.log().size(), braid.repos().search("lovelace", 100).size());
        assertEquals(List.of(), braid.repos().search("50%_off", 10));
    }

    @Test
    void submodulesDoNotDisturbIndexingOrDiffs() throws Exception {
        Path inner = Files.createDirectories(tmp.resolve("inner"));
        GitCli innerGit = new GitCli(inner);
        innerGit.run("init", "-q");
        innerGit.commitAll("inner");
        write("a.txt", "a\n");
        git.commitAll("outer");
        git.run("-c", "protocol.file.allow=always", "submodule", "add", "-q", "file://" + inner, "sub");
        String tip = git.commitAll("add submodule");
        Source source = braid.add(git.dir());
        SyncRun run = braid.sync(source);

        assertEquals(SyncOutcome.SUCCEEDED, run.outcome(), run.error());
        assertEquals(git.log(), braid.historyLines(source.id(), null));
        assertTrue(braid.repos().changedFiles(source.id(), tip).stream().anyMatch(f -> f.path().equals("sub")));
    }
}
