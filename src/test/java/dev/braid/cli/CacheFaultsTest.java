package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.testing.Tmpfs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache's real failures, each with its own message and remedy, and never the advice to reset
 * a healthy cache: a really full disk (a small tmpfs), a really read-only folder and file (a
 * read-only mount, which binds root too, or permissions for other users), a file another user
 * owns (a second process under another user id), damaged pages and a changed value.
 */
class CacheFaultsTest {
    private static final String DAMAGED = "The cache file is damaged.";

    @TempDir
    Path home;

    @AfterEach
    void restoreLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void anIndexAstrayIsReportedAsDamageTheIntegrityCheckFound() throws Exception {
        Path data = home.resolve("data");
        assertEquals(0, new CliRun(home).run("--data-dir", data.toString(), "status"));
        leadIndexAstray(data.resolve("cache.db"));
        CliRun status = new CliRun(home);
        assertEquals(1, status.run("--data-dir", data.toString(), "status", "--json"));
        assertTrue(status.err().contains(DAMAGED), status.err());
        assertTrue(status.err().contains("integrity check: sync_runs: row 1 missing from index sync_runs_by_source"), status.err());
        assertTrue(status.err().contains("SQLite's integrity check finds the file damaged"), status.err());
        assertEquals("", status.out(), "no answer from a damaged cache");
    }

    /**
     * Gives {@code cache}'s sync_runs index entries that no longer follow its definition, with two
     * rows to index: damage only the integrity check sees (a read through the index goes astray).
     */
    static void leadIndexAstray(Path cache) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement st = c.createStatement()) {
            st.execute("INSERT INTO sources(id, kind, name, created_at) VALUES (1, 'git', 'r', 1), (2, 'git', 's', 2)");
            st.execute("INSERT INTO sync_runs(source_id, started_at, outcome) VALUES (1, 20, 'ok'), (2, 10, 'ok')");
            st.execute("PRAGMA writable_schema = ON");
            st.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX sync_runs_by_source ON sync_runs(started_at, source_id)'"
                    + " WHERE name = 'sync_runs_by_source'");
        }
    }

    @Test
    void aFullDiskIsReportedAsFullLosesNothingAndIsNeverReset() throws Exception {
        assumeTrue(Tmpfs.available(), "needs a tmpfs to fill up (run as root or with CAP_SYS_ADMIN)");
        // A full disk while SQLite's library is unpacked is ProcessConfinement's case; this one is the cache's.
        assertEquals(0, new CliRun(home).run("--data-dir", home.resolve("elsewhere").toString(), "status"));
        Path repo = home.resolve("repo");
        TestRepos.longHistory(repo, 6_000);
        Path data = home.resolve("data");
        try (Tmpfs disk = Tmpfs.mount(data, 2 * 1024 * 1024)) {
            String dir = data.toString();
            CliRun add = new CliRun(home);
            assertEquals(1, add.run("--data-dir", dir, "repo", "add", repo.toString(), "--name", "big"));
            assertTrue(add.err().contains("The disk holding the cache is full."), add.err());
            assertTrue(add.err().contains("Free some space"), add.err());
            assertFalse(add.err().contains(DAMAGED), add.err());
            assertFalse(add.err().contains("cache reset"), add.err());

            CliRun reset = new CliRun(home);
            assertEquals(1, reset.run("--data-dir", dir, "cache", "reset", "--force"));
            assertTrue(reset.err().contains("was not moved"), reset.err());
            assertTrue(Files.exists(data.resolve("cache.db")));
            assertTrue(noBrokenCopies(data));

            CliRun status = new CliRun(home);
            assertEquals(0, status.run("--data-dir", dir, "status"), status.err());
            assertTrue(status.out().contains("big"), "the source added before the disk filled is kept: " + status.out());

            remount(data, 64L << 20);
            CliRun sync = new CliRun(home);
            assertEquals(0, sync.run("--data-dir", dir, "sync"), sync.err());
            CliRun log = new CliRun(home);
            assertEquals(0, log.run("--data-dir", dir, "repo", "log", "big"));
            assertEquals(6_000, log.out().lines().count());
        }
    }

    @Test
    void aDiskThatFillsWhileTheCacheIsCreatedIsReportedAsFullNotAsDamage() throws Exception {
        assumeTrue(Tmpfs.available(), "needs a tmpfs to fill up (run as root or with CAP_SYS_ADMIN)");
        assertEquals(0, new CliRun(home).run("--data-dir", home.resolve("elsewhere").toString(), "status"));
        Path repo = home.resolve("small");
        TestRepos.longHistory(repo, 5);
        Path data = home.resolve("data");
        // Room for SQLite's first pages, not for every table of the schema.
        try (Tmpfs disk = Tmpfs.mount(data, 96 * 1024)) {
            CliRun status = new CliRun(home);
            assertEquals(1, status.run("--data-dir", data.toString(), "repo", "add", repo.toString()));
            assertTrue(status.err().contains("The disk holding the cache is full."), status.err());
            assertFalse(status.err().contains(DAMAGED), status.err());
            assertFalse(status.err().contains("cache reset"), status.err());
        }
    }

    /**
     * Where no tmpfs can be mounted, the same with a file-size limit on a real braid process
     * (prlimit): SQLite then gets EFBIG, which it reports as an I/O error rather than a full disk,
     * and which must no more be called damage than a full disk is.
     */
    @Test
    void aFileSizeLimitIsNotCalledDamageEither() throws Exception {
        Path repo = home.resolve("repo");
        TestRepos.longHistory(repo, 20_000);
        Path data = home.resolve("data");
        assertEquals(0, new CliRun(home).run("--data-dir", data.toString(), "status"));
        List<String> command = new ArrayList<>(List.of("prlimit", "--fsize=" + (6L << 20),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.braid.app.Main", "--data-dir", data.toString(), "repo", "add", repo.toString(), "--name", "big"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("The disk reported an error") || output.contains("The disk holding the cache is full"),
                output);
        assertFalse(output.contains(DAMAGED) || output.contains("cache reset") || output.contains("Exception"), output);

        CliRun sync = new CliRun(home);
        assertEquals(0, sync.run("--data-dir", data.toString(), "sync"), sync.err());
        CliRun log = new CliRun(home);
        assertEquals(0, log.run("--data-dir", data.toString(), "repo", "log", "big"));
        assertEquals(20_000, log.out().lines().count());
    }

    @Test
    void aReadOnlyDataFolderStillAnswersEveryReadAndRefusesWritesAndResets() throws Exception {
        Path repo = home.resolve("repo");
        TestRepos.longHistory(repo, 50);
        Path data = home.resolve("data");
        Tmpfs mount = Tmpfs.available() ? Tmpfs.mount(data, 64L << 20) : null;
        assumeTrue(mount != null || !Tmpfs.root(), "root ignores permissions; a read-only folder needs a read-only mount");
        try (Tmpfs ignored = mount) {
            String dir = data.toString();
            assertEquals(0, new CliRun(home).run("--data-dir", dir, "repo", "add", repo.toString(), "--name", "small"));
            Path events = Files.writeString(home.resolve("e.jsonl"), Events.one() + "\n");
            assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "import", events.toString()));
            List<String[]> reads = List.of(new String[] {"status", "--json"}, new String[] {"repo", "list"},
                    new String[] {"repo", "log", "small", "--json"}, new String[] {"runs", "list"},
                    new String[] {"models", "list"}, new String[] {"lineage", "show", Events.INPUT},
                    new String[] {"lineage", "export", "--format", "json"}, new String[] {"lineage", "label", Events.INPUT});
            List<String> before = outputs(dir, reads);

            // The log file stays open for appending; a mount with a file open for writing cannot become read-only.
            LogManager.getLogManager().reset();
            if (mount != null) {
                mount.remountReadOnly();
            } else {
                setWritable(data, false);
            }
            try {
                List<String> after = new ArrayList<>();
                for (String[] read : reads) {
                    CliRun cli = new CliRun(home);
                    assertEquals(0, cli.run(withDataDir(dir, read)), String.join(" ", read) + ": " + cli.err());
                    assertTrue(cli.err().contains("read-only"), cli.err());
                    after.add(cli.out());
                }
                assertEquals(before, after);

                CliRun sync = new CliRun(home);
                assertEquals(1, sync.run("--data-dir", dir, "sync"));
                assertTrue(sync.err().contains("The cache cannot be written"), sync.err());
                assertFalse(sync.err().contains(DAMAGED) || sync.err().contains("cache reset"), sync.err());
                CliRun label = new CliRun(home);
                assertEquals(1, label.run("--data-dir", dir, "lineage", "label", Events.INPUT, "PII"));
                assertTrue(label.err().contains("The cache cannot be written"), label.err());
                CliRun reset = new CliRun(home);
                assertEquals(1, reset.run("--data-dir", dir, "cache", "reset", "--force"));
                assertTrue(reset.err().contains("was not moved"), reset.err());
            } finally {
                if (mount != null) {
                    mount.remountWritable();
                } else {
                    setWritable(data, true);
                }
            }
            assertTrue(noBrokenCopies(data));
        }
    }

    @Test
    void aReadOnlyCacheFileInAWritableFolderIsReadButNotWritten() throws Exception {
        Path data = home.resolve("data");
        String dir = data.toString();
        Path events = Files.writeString(home.resolve("e.jsonl"), Events.one() + "\n");
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "lineage", "import", events.toString()));
        Path cache = data.resolve("cache.db");
        boolean bound = Tmpfs.root();
        LogManager.getLogManager().reset();
        try {
            if (bound) {
                assumeTrue(Tmpfs.available(), "root ignores permissions; a read-only file needs a read-only bind mount");
                run("mount", "--bind", cache.toString(), cache.toString());
                run("mount", "-o", "remount,ro,bind", cache.toString());
            } else {
                Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r--------"));
            }
            CliRun show = new CliRun(home);
            assertEquals(0, show.run("--data-dir", dir, "lineage", "show", Events.INPUT), show.err());
            assertTrue(show.out().contains(Events.INPUT), show.out());
            CliRun label = new CliRun(home);
            assertEquals(1, label.run("--data-dir", dir, "lineage", "label", Events.INPUT, "PII"));
            assertTrue(label.err().contains("The cache cannot be written"), label.err());
            assertFalse(label.err().contains("cache reset"), label.err());
        } finally {
            if (bound) {
                new ProcessBuilder("umount", cache.toString()).start().waitFor(30, TimeUnit.SECONDS);
            } else {
                Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    @Test
    void aCacheAnotherUserOwnsIsNotCalledDamagedAndNotReset() throws Exception {
        Path data = home.resolve("data");
        String dir = data.toString();
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "status"));
        if (!Tmpfs.root()) {
            Files.setPosixFilePermissions(data.resolve("cache.db"), PosixFilePermissions.fromString("---------"));
            CliRun status = new CliRun(home);
            assertEquals(1, status.run("--data-dir", dir, "status"));
            assertNoAccess(status.err());
            CliRun reset = new CliRun(home);
            assertEquals(1, reset.run("--data-dir", dir, "cache", "reset"));
            assertTrue(reset.err().contains("was not moved"), reset.err());
            return;
        }
        // Root reads every file; run braid as another user (nobody) on root's owner-only cache.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        String classPath = readableClassPath(home.resolve("classpath"));
        for (String[] args : new String[][] {{"status"}, {"cache", "reset"}}) {
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-Duser.home=/tmp", "-Djava.io.tmpdir=" + home.resolve("tmp-nobody"), "-cp", classPath,
                    "dev.braid.app.Main", "--data-dir", dir));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(1, process.exitValue(), output);
            assertNoAccess(output);
        }
        assertTrue(Files.exists(data.resolve("cache.db")));
        assertTrue(noBrokenCopies(data));
    }

    @Test
    void damagedPagesAreCheckedReportedOnceAndCanBeMovedAside() throws Exception {
        Path repo = home.resolve("repo");
        TestRepos.longHistory(repo, 3_000);
        Path data = home.resolve("data");
        String dir = data.toString();
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "repo", "add", repo.toString(), "--name", "r"));
        try (RandomAccessFile file = new RandomAccessFile(data.resolve("cache.db").toFile(), "rw")) {
            // Pages in the middle of the commits table: its rows, not the schema on page 1.
            file.seek(file.length() / 2 / 4096 * 4096);
            file.write(new byte[4096 * 3]);
        }

        CliRun log = new CliRun(home);
        assertEquals(1, log.run("--data-dir", dir, "repo", "log", "r"));
        assertTrue(log.err().contains(DAMAGED), log.err());
        assertTrue(log.err().contains("quick check finds the file damaged"), log.err());
        assertTrue(log.err().contains("cache reset"), log.err());
        assertEquals(1, count(log.err(), DAMAGED), "reported once: " + log.err());
        assertFalse(log.err().contains("Exception"), log.err());

        CliRun check = new CliRun(home);
        assertEquals(1, check.run("--data-dir", dir, "cache", "check", "--full"));
        assertTrue(check.err().contains("integrity check finds the file damaged"), check.err());

        CliRun reset = new CliRun(home);
        assertEquals(0, reset.run("--data-dir", dir, "cache", "reset"), reset.err());
        assertTrue(reset.out().contains("1 source(s)"), reset.out());
        CliRun sound = new CliRun(home);
        assertEquals(0, sound.run("--data-dir", dir, "cache", "check"), sound.err());
        assertTrue(sound.out().contains("quick check finds the file's structure sound"), sound.out());
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "sync"));
        CliRun again = new CliRun(home);
        assertEquals(0, again.run("--data-dir", dir, "repo", "log", "r"));
        assertEquals(3_000, again.out().lines().count());
    }

    @Test
    void aValueBraidNeverWritesIsReportedInPlainWordsNotAsACrash() throws Exception {
        Path data = home.resolve("data");
        String dir = data.toString();
        Path repo = home.resolve("repo");
        TestRepos.longHistory(repo, 5);
        assertEquals(0, new CliRun(home).run("--data-dir", dir, "repo", "add", repo.toString(), "--name", "r"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("cache.db"));
             Statement st = c.createStatement()) {
            st.execute("UPDATE sync_runs SET outcome = 'SUCCEEDEE'");
        }
        CliRun status = new CliRun(home);
        assertEquals(1, status.run("--data-dir", dir, "status"));
        assertTrue(status.err().contains("the cache holds a value Braid cannot read"), status.err());
        assertTrue(status.err().contains("quick check finds the file's structure sound"), status.err());
        assertTrue(status.err().contains("cache reset --force"), status.err());
        assertFalse(status.err().contains("IllegalArgumentException") || status.err().contains("unexpected error"), status.err());
    }

    /**
     * The main code and its libraries copied where another user may read them (the local Maven
     * repository usually sits in root's home, which only root may enter).
     */
    private static String readableClassPath(Path into) throws IOException {
        Files.createDirectories(into);
        Files.createDirectories(into.getParent().resolve("tmp-nobody"));
        Files.setPosixFilePermissions(into.getParent().resolve("tmp-nobody"), PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> entries = new ArrayList<>();
        String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int n = 0;
        for (String entry : all.split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(source)) {
                Path copy = into.resolve((n++) + "-" + source.getFileName());
                Files.copy(source, copy);
                entries.add(copy.toString());
            } else if (Files.isDirectory(source) && !source.endsWith("test-classes")) {
                entries.add(source.toString());
            }
        }
        try (Stream<Path> files = Files.walk(into)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void assertNoAccess(String err) {
        assertTrue(err.contains("Braid may not open the cache file."), err);
        assertFalse(err.contains(DAMAGED), err);
        assertFalse(err.contains("cache reset"), err);
    }

    private List<String> outputs(String dir, List<String[]> commands) {
        List<String> out = new ArrayList<>();
        for (String[] command : commands) {
            CliRun cli = new CliRun(home);
            assertEquals(0, cli.run(withDataDir(dir, command)), String.join(" ", command) + ": " + cli.err());
            out.add(cli.out());
        }
        return out;
    }

    private static String[] withDataDir(String dir, String[] command) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dir));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    private static boolean noBrokenCopies(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.noneMatch(f -> f.getFileName().toString().contains(".broken-"));
        }
    }

    private static void setWritable(Path folder, boolean writable) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.toList()) {
                boolean dir = Files.isDirectory(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        writable ? (dir ? "rwx------" : "rw-------") : (dir ? "r-x------" : "r--------")));
            }
        }
    }

    private static void remount(Path dir, long bytes) throws Exception {
        run("mount", "-o", "remount,size=" + bytes, dir.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** One small OpenLineage event, for a lineage node to read back. */
    static final class Events {
        static final String INPUT = "dataset:s3://faults:raw/a.csv";

        static String one() {
            return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-01-05T10:00:00Z\",\"producer\":\"https://example.com/t\","
                    + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                    + "\"run\":{\"runId\":\"01900000-0000-7000-8000-0000000000aa\"},"
                    + "\"job\":{\"namespace\":\"faults\",\"name\":\"clean\"},"
                    + "\"inputs\":[{\"namespace\":\"s3://faults\",\"name\":\"raw/a.csv\"}],"
                    + "\"outputs\":[{\"namespace\":\"s3://faults\",\"name\":\"clean/a.parquet\"}]}";
        }
    }
}
