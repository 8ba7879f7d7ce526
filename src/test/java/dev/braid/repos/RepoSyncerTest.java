package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.braid.sync.Source;
import dev.braid.sync.SyncCounts;
import dev.braid.testing.GitCli;
import dev.braid.testing.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a repository sync hands to the work that runs after it indexed. */
class RepoSyncerTest {
    @TempDir
    Path tmp;
    RepoFixture braid;
    GitCli git;

    @BeforeEach
    void setUp() throws Exception {
        braid = new RepoFixture(tmp);
        git = new GitCli(Files.createDirectories(tmp.resolve("work")));
        git.run("init", "-q", "-b", "main");
        Files.writeString(git.dir().resolve("a.txt"), "a\n");
        git.commitAll("first");
        git.run("checkout", "-q", "-b", "side");
        Files.writeString(git.dir().resolve("b.txt"), "b\n");
        git.commitAll("second");
        git.run("checkout", "-q", "main");
    }

    @AfterEach
    void tearDown() {
        braid.close();
    }

    private RepoSyncer syncer(AfterIndex afterIndex) {
        return new RepoSyncer(braid.app.database(), new GitIndexer(braid.app.database(), new CommitStore(braid.app.database())),
                Map.of(), CredentialPrompt.NONE, afterIndex);
    }

    @Test
    void afterIndexSeesTheOpenRepositoryItsLocationAndTheIndexedTips() throws Exception {
        Source source = braid.add(git.dir());
        AtomicReference<String> seenLocation = new AtomicReference<>();
        AtomicReference<Set<String>> seenTips = new AtomicReference<>();
        SyncCounts counts = syncer((s, repository, location, tips, context) -> {
            assertEquals(source.name(), s.name());
            assertNotNull(repository.resolve("side"), "the repository is still open");
            seenLocation.set(location);
            seenTips.set(Set.copyOf(tips));
        }).sync(source, TestContexts.quiet());

        assertEquals(2, counts.added());
        assertEquals(Set.of(git.run("rev-parse", "main").strip(), git.run("rev-parse", "side").strip()), seenTips.get());
        assertEquals(braid.repos().find(source.id()).orElseThrow().location(), seenLocation.get());
    }

    @Test
    void aFailureAfterIndexingLeavesTheSyncSuccessfulAndTheHistoryPublished() throws Exception {
        Source source = braid.add(git.dir());
        AfterIndex failing = (s, repository, location, tips, context) -> {
            throw new IOException("cannot read dvc.lock");
        };
        SyncCounts counts = syncer(failing).sync(source, TestContexts.quiet());

        assertEquals(2, counts.added());
        assertEquals(2, braid.historyLines(source.id(), null).size());
    }
}
