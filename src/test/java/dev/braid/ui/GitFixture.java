package dev.braid.ui;

import dev.braid.app.AppContext;
import dev.braid.experiments.ExperimentService;
import dev.braid.lineage.LineageReader;
import dev.braid.app.DataDirectories;
import dev.braid.shell.WorkbenchServices;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncListener;
import dev.braid.sync.SyncOutcome;
import dev.braid.sync.SyncRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;

/** Real git repositories made with JGit, and a real Braid cache on a temporary folder. */
public final class GitFixture {
    public static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    private static final SyncContext QUIET = new SyncContext() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    private GitFixture() {
    }

    /** Opens a fresh cache in {@code folder}, keeping settings there too. */
    public static AppContext open(Path folder) throws Exception {
        DataDirectories dirs = new DataDirectories(folder.resolve("data"), folder.resolve("config"));
        return AppContext.open(dirs, Clock.systemUTC());
    }

    public static WorkbenchServices services(AppContext context) {
        return services(context, null, null);
    }

    /** The window's services over {@code context}, with experiments and a lineage graph when given. */
    public static WorkbenchServices services(AppContext context, ExperimentService experiments, LineageReader lineage) {
        return new WorkbenchServices(context.dirs().dataDir(), context.settings(), context.sources(), context.syncRuns(),
                context.syncEngine(), context.repositories(), Clock.system(ZoneOffset.UTC), experiments, lineage,
                context.sourceManager(), context.openLineageImporter());
    }

    /** Adds {@code repository} as a source and waits for its first sync to succeed. */
    public static Source addAndSync(AppContext context, Path repository) throws Exception {
        Source source = context.repositories().add(repository.toString(), null, QUIET);
        SyncRun run = context.syncEngine().start(source, SyncListener.NONE).result().get(60, TimeUnit.SECONDS);
        if (run.outcome() != SyncOutcome.SUCCEEDED) {
            throw new AssertionError("sync of " + repository + " ended " + run.outcome() + ": " + run.error());
        }
        return source;
    }

    /**
     * main: "first", "second", "third"; feature (from third): "feature work" adding feature.txt;
     * main: "main work"; then "Merge feature" (no fast-forward), tagged v1.0.
     */
    public static Path mergeRepository(Path folder) throws Exception {
        Files.createDirectories(folder);
        try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
            commit(git, folder, "notes.txt", "one\n", "first", 0);
            commit(git, folder, "notes.txt", "one\ntwo\n", "second", 1);
            commit(git, folder, "notes.txt", "one\ntwo\nthree\n", "third", 2);
            git.checkout().setCreateBranch(true).setName("feature").call();
            commit(git, folder, "feature.txt", "a feature\n", "feature work", 3);
            git.checkout().setName("main").call();
            commit(git, folder, "notes.txt", "one\n2\nthree\n", "main work", 4);
            git.merge().include(git.getRepository().resolve("feature")).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setMessage("Merge feature").call();
            git.tag().setName("v1.0").call();
        }
        return folder;
    }

    /** A repository with {@code count} commits on main, each changing counter.txt. */
    public static Path linearRepository(Path folder, int count) throws Exception {
        Files.createDirectories(folder);
        try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
            for (int i = 1; i <= count; i++) {
                commit(git, folder, "counter.txt", i + "\n", "commit number " + i, i);
            }
        }
        return folder;
    }

    private static void commit(Git git, Path folder, String file, String content, String subject, int minute)
            throws Exception {
        Files.writeString(folder.resolve(file), content);
        git.add().addFilepattern(file).call();
        PersonIdent who = new PersonIdent("Ada Lovelace", "ada@example.org", START.plusSeconds(60L * minute), ZoneOffset.UTC);
        git.commit().setMessage(subject + "\n\nBody of " + subject + ".\n").setAuthor(who).setCommitter(who).call();
    }
}
