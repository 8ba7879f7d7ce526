package dev.braid.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand.FastForwardMode;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Small repositories with branches, a merge and an annotated tag, every commit at its own time and
 * in varied time zones, so that "newest first" has exactly one answer.
 */
final class TestRepos {
    private static final List<ZoneOffset> ZONES = List.of(ZoneOffset.ofHours(2), ZoneOffset.ofHours(-7),
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final Instant START = Instant.parse("2024-03-01T08:00:00Z");

    private TestRepos() {
    }

    /** The n-th commit time, an hour after the previous one, in one of {@link #ZONES}. */
    static OffsetDateTime time(int n) {
        return START.plusSeconds(3600L * n).atOffset(ZONES.get(n % ZONES.size()));
    }

    /** {@link #time(int)} as git reads it: {@code 2024-03-01T10:00:00+02:00}. */
    static String iso(int n) {
        return ISO.format(time(n));
    }

    /**
     * With the git command: main c1-c2-c3-c4, feature f1-f2 from c2 merged into main (no fast
     * forward), annotated tag v1 on the merge, branch old with o1 from c1; HEAD on main.
     */
    static GitCli withGitCommand(Path repo) {
        GitCli git = new GitCli(repo);
        git.run("init", "-q");
        int n = 0;
        git.commit("main.txt", "1", "First commit", iso(n++));
        git.commit("main.txt", "2", "Second commit", iso(n++));
        String first = git.run("rev-parse", "HEAD~1").strip();
        git.commit("main.txt", "3", "Third commit", iso(n++));
        git.run("checkout", "-q", "-b", "feature", "HEAD~1");
        git.commit("feature.txt", "a", "Feature part one", iso(n++));
        git.commit("feature.txt", "b", "Feature part two", iso(n++));
        git.run("checkout", "-q", "main");
        git.commit("main.txt", "4", "Fourth commit", iso(n++));
        String mergeTime = iso(n++);
        git.run(Map.of("GIT_AUTHOR_DATE", mergeTime, "GIT_COMMITTER_DATE", mergeTime), null,
                "merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature");
        git.run(Map.of("GIT_COMMITTER_DATE", mergeTime), null, "tag", "-a", "v1", "-m", "First release");
        git.run("checkout", "-q", "-b", "old", first);
        git.commit("old.txt", "o", "Old idea", iso(n++));
        git.run("checkout", "-q", "main");
        return git;
    }

    /** The same shape as {@link #withGitCommand}, written with JGit. */
    static void withJGit(Path repo) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            int n = 0;
            RevCommit c1 = commit(git, repo, "main.txt", "1", "First commit", n++);
            commit(git, repo, "main.txt", "2", "Second commit", n++);
            RevCommit c2 = git.log().setMaxCount(1).call().iterator().next();
            commit(git, repo, "main.txt", "3", "Third commit", n++);
            git.checkout().setCreateBranch(true).setName("feature").setStartPoint(c2).call();
            commit(git, repo, "feature.txt", "a", "Feature part one", n++);
            commit(git, repo, "feature.txt", "b", "Feature part two", n++);
            git.checkout().setName("main").call();
            commit(git, repo, "main.txt", "4", "Fourth commit", n++);
            git.merge().include(git.getRepository().resolve("feature")).setFastForward(FastForwardMode.NO_FF)
                    .setCommit(false).call();
            PersonIdent mergeIdent = ident(n++);
            git.commit().setMessage("Merge branch 'feature'").setAuthor(mergeIdent).setCommitter(mergeIdent).call();
            git.tag().setName("v1").setAnnotated(true).setMessage("First release").setTagger(mergeIdent).call();
            git.checkout().setCreateBranch(true).setName("old").setStartPoint(c1).call();
            commit(git, repo, "old.txt", "o", "Old idea", n++);
            git.checkout().setName("main").call();
        }
    }

    /** A linear history of {@code count} commits made quickly with {@code git fast-import}. */
    static GitCli longHistory(Path repo, int count) {
        GitCli git = new GitCli(repo);
        git.run("init", "-q");
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < count; i++) {
            OffsetDateTime time = time(i);
            String who = "Dev " + (i % 7) + " <dev" + (i % 7) + "@example.com> " + time.toEpochSecond() + " "
                    + time.getOffset().getId().replace(":", "").replace("Z", "+0000");
            String message = "Change number " + i + "\n";
            String content = "line " + i + "\n";
            stream.append("commit refs/heads/main\n")
                    .append("author ").append(who).append('\n')
                    .append("committer ").append(who).append('\n')
                    .append("data ").append(message.getBytes(StandardCharsets.UTF_8).length).append('\n').append(message)
                    .append("M 644 inline file.txt\n")
                    .append("data ").append(content.length()).append('\n').append(content).append('\n');
        }
        git.run(Map.of(), stream.toString(), "fast-import", "--quiet");
        git.run("checkout", "-q", "-f", "main");
        return git;
    }

    static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static RevCommit commit(Git git, Path repo, String file, String content, String subject, int n)
            throws Exception {
        Files.writeString(repo.resolve(file), content, StandardCharsets.UTF_8);
        git.add().addFilepattern(file).call();
        PersonIdent ident = ident(n);
        return git.commit().setMessage(subject).setAuthor(ident).setCommitter(ident).call();
    }

    private static PersonIdent ident(int n) {
        OffsetDateTime time = time(n);
        return new PersonIdent("JGit Author", "jgit@example.com", time.toInstant(), time.getOffset());
    }
}
