package dev.braid.experiments;

import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Metric histories on demand for {@link ExperimentService}: read from the cache, else fetched from the run's server and cached. */
final class MetricHistoryFetcher {
    /** Histories fetched at once: enough to overlap server work, few enough not to swamp it. */
    static final int HISTORY_FETCHES = 4;
    private final Database db;
    private final SourceStore sources;
    private final MlflowConnector connector;
    private final Clock clock;
    private final RunReader runs;
    private final MetricHistoryStore histories;

    MetricHistoryFetcher(Database db, SourceStore sources, MlflowConnector connector, Clock clock, RunReader runs,
                         MetricHistoryStore histories) {
        this.db = db;
        this.sources = sources;
        this.connector = connector;
        this.clock = clock;
        this.runs = runs;
        this.histories = histories;
    }

    List<MetricPoint> history(long runPk, String key) throws ExperimentException {
        Optional<List<MetricPoint>> cached = db.read(c -> histories.cached(c, runPk, key));
        if (cached.isPresent()) {
            return List.copyOf(cached.get());
        }
        RunSummary run = db.read(c -> runs.run(c, runPk))
                .orElseThrow(() -> new ExperimentException("no cached run with key " + runPk));
        Source source = sources.find(run.sourceId())
                .orElseThrow(() -> new ExperimentException("the run's source is gone"));
        List<MetricPoint> points = RunSources.open(connector, source).metricHistory(run.runId(), key);
        long now = clock.millis();
        db.write(c -> histories.saveIfCurrent(c, runPk, key, points, now));
        return List.copyOf(new ArrayList<>(points));
    }

    Map<Long, List<MetricPoint>> histories(List<Long> runPks, String key) throws ExperimentException {
        List<Long> wanted = runPks.stream().distinct().toList();
        Map<Long, List<MetricPoint>> out = new LinkedHashMap<>();
        if (wanted.size() <= 1) {
            for (long pk : wanted) {
                out.put(pk, history(pk, key));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(HISTORY_FETCHES, wanted.size()), work -> {
            Thread thread = new Thread(work, "braid-history-fetch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<MetricPoint>>> fetches = new ArrayList<>();
            for (long pk : wanted) {
                fetches.add(pool.submit(() -> history(pk, key)));
            }
            for (int i = 0; i < wanted.size(); i++) {
                out.put(wanted.get(i), fetches.get(i).get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExperimentException cause) {
                throw cause;
            }
            throw new ExperimentException("cannot read the history of " + key + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentException("interrupted while reading the history of " + key, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
