package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long commit messages end a batch early (its bodies are bounded), and nothing is lost or reordered. */
class GitIndexerBatchTest {
    @TempDir
    Path tmp;

    @Test
    void bodiesPastTheByteBoundSplitBatchesAndEveryCommitIsIndexedWithItsMessage() throws Exception {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("work")));
        git.run("init", "-q", "-b", "main");
        // Each message is a third of a batch's bound: a batch ends after three of them.
        int messageBytes = GitIndexer.BATCH_BYTES / 3 + 1;
        int commits = 7;
        for (int i = 0; i < commits; i++) {
            Files.writeString(git.dir().resolve("f.txt"), "v" + i + "\n");
            Path message = tmp.resolve("message-" + i);
            Files.writeString(message, "change " + i + "\n\n" + String.valueOf((char) ('a' + i)).repeat(messageBytes) + "\n");
            String date = (1_600_000_000L + 60L * i) + " +0200";
            Map<String, String> dates = Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date);
            git.runWithEnv(dates, "add", "-A");
            git.runWithEnv(dates, "commit", "-q", "-F", message.toString());
        }
        try (RepoFixture braid = new RepoFixture(tmp)) {
            Source source = braid.add(git.dir());
            List<String> progress = new ArrayList<>();
            SyncContext watched = new SyncContext() {
                @Override
                public void progress(double fraction, String message) {
                    progress.add(message);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            GitIndexer indexer = new GitIndexer(braid.app.database(), new CommitStore(braid.app.database()));
            try (Repository repository = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
                assertEquals(commits, indexer.index(source.id(), repository, watched).added());
            }
            // Batches of three commits each (the byte bound), the last one shorter.
            assertEquals(List.of("indexed 3 commits", "indexed 6 commits"),
                    progress.stream().filter(m -> m.matches("indexed \\d+ commits")).toList());
            List<String> expected = git.log("--all");
            assertEquals(expected, braid.historyLines(source.id(), "main"));
            for (int i = 0; i < commits; i++) {
                String hash = git.run("rev-parse", "HEAD~" + (commits - 1 - i)).strip();
                Optional<CommitDetail> detail = braid.repos().commit(source.id(), hash);
                assertEquals("change " + i, detail.orElseThrow().subject());
                assertEquals(messageBytes + 1, detail.orElseThrow().message().length() - ("change " + i + "\n\n").length());
            }
        }
    }
}
