package dev.braid.sync;

import dev.braid.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Sources as a person manages them, from the window and the command line: find one by name (with
 * suggestions when it is mistyped), rename, pause and resume, change its configuration, and remove
 * it with everything cached from it. Removal and renaming run each kind's {@link SourceCleanup}s
 * and the change to the {@code sources} row in one transaction, after any sync of that source has
 * been cancelled and has stopped; files a removed source owned are deleted once that has committed.
 */
public final class SourceManager {
    private static final Logger LOG = Logger.getLogger(SourceManager.class.getName());
    private static final long SYNC_STOP_SECONDS = 30;
    private final Database db;
    private final SourceStore sources;
    private final SyncEngine engine;
    private final List<SourceCleanup> cleanups;

    /** {@code cleanups} for every kind; more than one may serve a kind, and they run in this order. */
    public SourceManager(Database db, SourceStore sources, SyncEngine engine, Collection<SourceCleanup> cleanups) {
        this.db = db;
        this.sources = sources;
        this.engine = engine;
        this.cleanups = List.copyOf(cleanups);
    }

    /** Every source, by name. */
    public List<Source> list() {
        return sources.list();
    }

    /** The source called {@code name}, or a plain-words failure that suggests the closest names. */
    public Source require(String name) throws SourceException {
        Optional<Source> found = sources.findByName(name);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> names = list().stream().map(Source::name).toList();
        throw new SourceException("unknown source: " + name + Suggestions.hint(name, names));
    }

    /** What removing {@code source} would take away, without removing anything. */
    public SourceRemoval preview(Source source) {
        return db.read(c -> {
            List<String> cached = new ArrayList<>();
            for (SourceCleanup cleanup : cleanupsFor(source)) {
                cached.addAll(cleanup.cached(c, source));
            }
            return new SourceRemoval(source, cached, ownedFiles(source), List.of());
        });
    }

    /**
     * Removes {@code source} and everything cached from it in one transaction: its rows, the
     * lineage it asserted, whatever each cleanup of its kind keeps. A sync of it under way is
     * cancelled first. Files it owned are deleted afterwards; any that could not be are reported
     * (the cache is clean either way). Nothing changes when the transaction fails.
     */
    public SourceRemoval remove(Source source) throws SourceException {
        stopSync(source);
        List<String> cached = db.write(c -> {
            Source current = sources.find(c, source.id()).orElse(null);
            if (current == null) {
                return null;
            }
            List<String> phrases = new ArrayList<>();
            for (SourceCleanup cleanup : cleanupsFor(current)) {
                phrases.addAll(cleanup.cached(c, current));
            }
            for (SourceCleanup cleanup : cleanupsFor(current)) {
                cleanup.remove(c, current);
            }
            sources.delete(c, current.id());
            return phrases;
        });
        if (cached == null) {
            throw new SourceException("the source " + source.name() + " was already removed");
        }
        List<Path> files = ownedFiles(source);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                deleteTree(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete " + file + " of the removed source " + source.name(), e);
                problems.add(file + ": " + PlainErrors.describe(e));
            }
        }
        return new SourceRemoval(source, cached, files, problems);
    }

    /**
     * Renames {@code source} to {@code newName}; whatever is keyed by its name (the lineage it
     * asserted) follows in the same transaction. A sync of it under way is cancelled first.
     */
    public Source rename(Source source, String newName) throws SourceException {
        String name = checkName(newName);
        if (name.equals(source.name())) {
            return source;
        }
        stopSync(source);
        try {
            return db.write(c -> {
                Source current = sources.find(c, source.id()).orElseThrow(() -> new Refusal(
                        "the source " + source.name() + " was removed meanwhile"));
                if (sources.nameTaken(c, name)) {
                    throw new Refusal("a source named " + name + " already exists");
                }
                sources.rename(c, current.id(), name);
                Source renamed = current.withName(name);
                for (SourceCleanup cleanup : cleanupsFor(current)) {
                    cleanup.renamed(c, current, renamed);
                }
                return renamed;
            });
        } catch (Refusal refusal) {
            throw new SourceException(refusal.getMessage());
        }
    }

    /** Pauses or resumes {@code source}; returns it as stored now. */
    public Source setPaused(Source source, boolean paused) {
        sources.setPaused(source.id(), paused);
        return source.withPaused(paused);
    }

    /** Replaces {@code source}'s configuration (an edited address or credential variable); its next sync uses it. */
    public Source updateConfig(Source source, Map<String, String> config) throws SourceException {
        boolean found = db.write(c -> {
            if (sources.find(c, source.id()).isEmpty()) {
                return false;
            }
            sources.saveConfig(c, source.id(), config);
            return true;
        });
        if (!found) {
            throw new SourceException("the source " + source.name() + " was removed meanwhile");
        }
        return source.withConfig(config);
    }

    /** A name a source can have: not blank, no control characters, at most 200 characters. */
    public static String checkName(String name) throws SourceException {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new SourceException("a source needs a name");
        }
        if (clean.length() > 200) {
            throw new SourceException("a source name is at most 200 characters");
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw new SourceException("a source name cannot contain control characters");
        }
        return clean;
    }

    private List<SourceCleanup> cleanupsFor(Source source) {
        return cleanups.stream().filter(c -> c.kind().equals(source.kind())).toList();
    }

    private List<Path> ownedFiles(Source source) {
        return cleanupsFor(source).stream().flatMap(c -> c.ownedFiles(source).stream()).filter(Files::exists).toList();
    }

    /** Cancels a sync of {@code source} under way and waits for it to stop. */
    private void stopSync(Source source) throws SourceException {
        Optional<SyncJob> job = engine.running(source.id());
        if (job.isEmpty()) {
            return;
        }
        job.get().cancel();
        try {
            job.get().result().get(SYNC_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new SourceException("the sync of " + source.name() + " did not stop within "
                    + SYNC_STOP_SECONDS + " seconds; try again once it has");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while waiting for the sync of " + source.name() + " to stop");
        } catch (java.util.concurrent.ExecutionException e) {
            // A sync's result never completes exceptionally; nothing to wait for.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    /** Rolls the transaction back with a message for the user. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
