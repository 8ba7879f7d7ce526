package dev.braid.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Repository;

/**
 * Creates the demo workspace: a git repository of a small ML project ("churn-predictor") with
 * about 300 commits over several months, by six people in different time zones and a bot, on
 * {@code main}, {@code develop}, feature branches and a hotfix, with merges, release tags and data
 * tags. It holds Python code, {@code params.yaml}, a DVC pipeline with its {@code dvc.lock},
 * feature definitions and CI files that change over time. The same seed and start always give
 * the same commit hashes.
 */
public final class DemoWorkspace {
    /** The seed behind the demo everyone sees. */
    public static final long DEFAULT_SEED = 20250901L;
    /** When the default history begins (a Monday morning). */
    public static final Instant DEFAULT_START = Instant.parse("2025-09-01T07:30:00Z");

    private final long seed;
    private final Instant start;

    /** The standard demo: fixed seed and dates, so its hashes never change. */
    public DemoWorkspace() {
        this(DEFAULT_SEED, DEFAULT_START);
    }

    /**
     * The standard demo moved forward in whole weeks so that its last commit falls shortly before
     * {@code clock}'s present, so it looks recent. Deterministic for a given clock reading.
     */
    public DemoWorkspace(Clock clock) {
        this(DEFAULT_SEED, recentStart(clock.instant()));
    }

    /** A demo history from another seed, starting at {@code start}. */
    public DemoWorkspace(long seed, Instant start) {
        this.seed = seed;
        this.start = start;
    }

    /** Writes the demo repository into {@code folder} (created; must be empty or absent); returns the repository's work tree. */
    public Path createRepository(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("the folder for the demo repository is not empty: " + folder);
                }
            }
        } else if (Files.exists(folder)) {
            throw new IOException("not a folder: " + folder);
        }
        Files.createDirectories(folder);
        try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
            Repository repository = git.getRepository();
            DemoHistory.Node main;
            try (CommitWriter writer = CommitWriter.into(repository)) {
                main = new DemoHistory(seed, start, writer).play();
                writer.finish();
            }
            checkOut(repository, main);
            return repository.getWorkTree().toPath();
        } catch (GitAPIException e) {
            throw new IOException("could not create the demo repository in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void checkOut(Repository repository, DemoHistory.Node head) throws IOException {
        DirCache index = repository.lockDirCache();
        try {
            DirCacheCheckout checkout = new DirCacheCheckout(repository, index, head.tree());
            checkout.setFailOnConflict(true);
            checkout.checkout();
        } finally {
            index.unlock();
        }
    }

    private static Instant recentStart(Instant present) {
        DemoHistory dry = new DemoHistory(DEFAULT_SEED, DEFAULT_START, CommitWriter.dryRun());
        try {
            dry.play();
        } catch (IOException e) {
            throw new IllegalStateException("a dry run writes nothing and cannot fail", e);
        }
        Duration length = Duration.between(DEFAULT_START, dry.lastCommitTime());
        LocalDate latestEnd = LocalDate.ofInstant(present.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        LocalDate defaultEnd = LocalDate.ofInstant(DEFAULT_START.plus(length), ZoneOffset.UTC);
        // Whole weeks keep every commit on the same weekday, so weekends stay quiet.
        long weeks = Math.floorDiv(ChronoUnit.DAYS.between(defaultEnd, latestEnd), 7);
        return DEFAULT_START.plus(Duration.ofDays(weeks * 7));
    }
}
