package dev.braid.experiments;

import dev.braid.experiments.wandb.WandbFolders;
import dev.braid.experiments.wandb.WandbFormatException;
import dev.braid.experiments.wandb.WandbRun;
import dev.braid.experiments.wandb.WandbRunReader;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import dev.braid.sync.SourceSyncer;
import dev.braid.sync.SyncContext;
import dev.braid.sync.SyncCounts;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Syncs a folder of W&B run folders (ADR 23) into the same tables as MLflow's runs: every run
 * with its config, summary and full metric history (the log holds it all, so histories are cached
 * at once, never fetched later). A run folder whose log did not change since the last sync (same
 * size and time) is not read again. A log that cannot be read is reported as a warning and its
 * cached run is kept; runs whose folders went are removed. Everything is written in one
 * transaction with the new cursor, so a failed sync leaves the cache as it was.
 */
public final class WandbSyncer implements SourceSyncer {
    private final Clock clock;
    private final WandbRunWriter writer;
    private final WandbRunReader reader = new WandbRunReader();
    private final WandbServerSyncer server;

    /** A syncer for folders only: a server source fails with a clear message (no key can be read). */
    public WandbSyncer(Database db, SourceStore sources, Clock clock) {
        this(db, sources, clock, new dev.braid.sync.Secrets(), Map.of(), dev.braid.experiments.wandb.WandbGraphql.Options.standard());
    }

    /**
     * A syncer for folders of runs and for W&B servers ({@code url} in the source's config), whose
     * API key is read from {@code env} and registered with {@code secrets}.
     */
    public WandbSyncer(Database db, SourceStore sources, Clock clock, dev.braid.sync.Secrets secrets, Map<String, String> env,
                       dev.braid.experiments.wandb.WandbGraphql.Options options) {
        this.clock = clock;
        this.writer = new WandbRunWriter(db, sources);
        this.server = new WandbServerSyncer(db, sources, clock, secrets, env, options);
    }

    @Override
    public String kind() {
        return ExperimentService.WANDB_KIND;
    }

    @Override
    public SyncCounts sync(Source source, SyncContext context) throws Exception {
        if (source.config(ExperimentService.WANDB_URL) != null) {
            return server.sync(source, context);
        }
        Path root = Path.of(source.config(ExperimentService.WANDB_PATH));
        List<Path> folders;
        try {
            folders = WandbFolders.find(root);
        } catch (WandbFormatException | IOException e) {
            throw SyncFailure.permanent("cannot read W&B runs in " + root + ": " + e.getMessage(), e);
        }
        Map<String, String> seenBefore = writer.seenBefore(source.id());
        Map<String, String> seenNow = new TreeMap<>();
        Map<String, WandbRunWriter.Read> read = new LinkedHashMap<>();
        Set<String> keep = new HashSet<>();
        int done = 0;
        for (Path folder : folders) {
            context.checkCancelled();
            context.progress((double) done++ / folders.size(), "reading " + folder.getFileName());
            String id = runIdOf(folder);
            String stamp = stamp(folder);
            String key = folder.toAbsolutePath().normalize().toString();
            seenNow.put(key, stamp);
            if (stamp.equals(seenBefore.get(key))) {
                keep.add(id);
                continue;
            }
            try {
                WandbRun run = reader.read(folder);
                read.put(run.runId(), new WandbRunWriter.Read(run, run.entity(), null, List.of()));
                keep.add(run.runId());
            } catch (WandbFormatException | IOException e) {
                context.warn("skipped " + folder + ": " + e.getMessage());
                keep.add(id);
                seenNow.remove(key);
            }
        }
        context.progress(-1, "saving " + read.size() + " runs");
        return writer.write(source.id(), read.values(), keep, seenNow, clock.millis());
    }

    /** The run id W&B puts at the end of a run folder's name. */
    static String runIdOf(Path folder) {
        String name = folder.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    /** Size and modification time of the folder's log: what tells a changed run from an unchanged one. */
    private static String stamp(Path folder) {
        try (var files = Files.list(folder)) {
            Path log = files.filter(p -> p.getFileName().toString().endsWith(".wandb")).sorted().findFirst().orElse(folder);
            return Files.size(log) + ":" + Files.getLastModifiedTime(log).toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
