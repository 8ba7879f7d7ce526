package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JGit's settings in the data folder: a lock left by a process killed while saving them never stops a sync. */
class JGitConfinementTest {
    private SystemReader before;

    @BeforeEach
    void remember() {
        before = SystemReader.getInstance();
    }

    @AfterEach
    void restore() {
        SystemReader.setInstance(before);
    }

    @Test
    void aLockLeftByAKilledProcessIsNoFailureAndAnOldOneIsRemovedForTheNextStart(@TempDir Path data) throws Exception {
        Path lock = Files.createDirectories(data.resolve("jgit")).resolve("config.lock");
        Files.writeString(lock, "");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

        JGitConfinement.confineTo(data); // the crash run found every later git sync failing here

        assertFalse(Files.exists(lock), "the stale lock is gone");
        JGitConfinement.confineTo(data);
        assertTrue(Files.readString(data.resolve("jgit/config")).contains(JGitConfinement.CONSERVATIVE_RESOLUTION));
    }

    @Test
    void aFreshLockIsLeftToTheProcessThatHoldsIt(@TempDir Path data) throws Exception {
        Path lock = Files.createDirectories(data.resolve("jgit")).resolve("config.lock");
        Files.writeString(lock, "");

        JGitConfinement.confineTo(data);

        assertTrue(Files.exists(lock));
    }
}
