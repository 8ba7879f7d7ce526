package dev.braid.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the demo's MLflow store: an {@code mlruns/} file store with a baseline experiment, an
 * XGBoost experiment of nested hyper-parameter sweeps, and a feature-ablation experiment (about
 * 300 runs with params, metric histories, dataset inputs, a few failed, deleted and running runs)
 * plus registered models with aliases; the sweeps' best models are MLflow 3 logged models from which
 * the classifier's versions were registered. Every run's {@code mlflow.source.git.commit} names a commit
 * of the demo repository, at a time shortly after that commit. The baselines and sweeps were trained
 * by the {@code train} job of that commit's CI pipeline ({@link DemoTraining}): they run inside the
 * job's time window and carry GitLab CI's tags; the ablation runs were started by hand, after the
 * commit's pipeline. The same seed and commits always give the same files.
 */
final class DemoMlflowStore {
    static final String BASELINE = "1";
    static final String SWEEPS = "2";
    static final String ABLATION = "3";
    static final String MODEL = "churn-classifier";
    static final int BASELINE_RUNS = 60;
    static final int SWEEPS_RUN = 20;
    static final int TRIALS = 8;
    private static final String[] FEATURES = {"tenure", "monthly_charges", "support_calls", "contract_type", "usage_trend"};
    private final long seed;

    /** A commit of the demo repository that runs can name. */
    record Commit(String id, long timeMillis, String user) {
    }

    DemoMlflowStore(long seed) {
        this.seed = seed;
    }

    /** When a run started and how long it took (or has taken so far). */
    private record Timing(long start, long duration) {
    }

    /** Writes the store into {@code mlruns} (created); {@code commits} oldest first, at least one. */
    void write(Path mlruns, List<Commit> commits) throws IOException {
        write(mlruns, commits, new DemoTraining());
    }

    /** As {@link #write(Path, List)}, the runs CI trained placed in {@code training}'s train jobs. */
    void write(Path mlruns, List<Commit> commits, DemoTraining training) throws IOException {
        Placement placement = new Placement(training, DemoTraining.runsTrainedInCi(commits));
        Random random = new Random(seed);
        MlrunsWriter out = new MlrunsWriter(mlruns);
        long first = commits.get(0).timeMillis();
        out.trash();
        out.experiment("0", "Default", first, Map.of());
        out.experiment(BASELINE, "churn-baseline", first, Map.of("team", "retention", "mlflow.note.content",
                "Logistic-regression baselines, one per data refresh."));
        out.experiment(SWEEPS, "churn-xgboost-sweeps", first, Map.of("team", "retention"));
        out.experiment(ABLATION, "churn-feature-ablation", first, Map.of("team", "retention", "owner", "priya"));
        List<String[]> best = new ArrayList<>();
        Map<String, Long> ends = new LinkedHashMap<>();
        for (int i = 0; i < BASELINE_RUNS; i++) {
            Commit commit = pick(commits, i, BASELINE_RUNS);
            double auc = 0.70 + 0.05 * i / 60 + random.nextGaussian() * 0.01;
            String id = runId(random);
            ends.put(id, writeRun(out, random, placement, BASELINE, id, "logreg-" + (i + 1), commit, null, status(random, i, 60),
                    Map.of("model", "logreg", "C", fmt(Math.pow(10, random.nextInt(4) - 2)), "penalty",
                            random.nextBoolean() ? "l2" : "l1", "feast.feature_service", DemoFeast.BASELINE_SERVICE), Map.of("auc", auc, "f1", auc - 0.12), 10, i == 17, null));
            if (i == 39) {
                // The baseline was registered part of the way through; the classifier's versions
                // came later, so the newest model version (where the lineage explorer opens) is one of them.
                best.add(new String[] {"churn-baseline-model", id, BASELINE});
            }
        }
        for (int sweep = 0; sweep < SWEEPS_RUN; sweep++) {
            Commit commit = pick(commits, sweep, SWEEPS_RUN);
            String parent = runId(random);
            double bestAuc = 0;
            String bestChild = null;
            // The trials run one after another inside their sweep's run.
            long sweepStart = commit.timeMillis() + (10 + random.nextInt(230)) * 60_000L;
            long at = sweepStart + 60_000L;
            for (int trial = 0; trial < TRIALS; trial++) {
                String child = runId(random);
                double lr = new double[] {0.3, 0.1, 0.05, 0.02}[random.nextInt(4)];
                int depth = 3 + random.nextInt(6);
                double auc = 0.76 + 0.06 * sweep / 20 - Math.abs(depth - 6) * 0.004 - Math.abs(lr - 0.05) * 0.05
                        + random.nextGaussian() * 0.004;
                boolean running = sweep == 19 && trial == 7;
                boolean deleted = sweep == 4 && trial == 3;
                int status = running ? MlrunsWriter.RUNNING : status(random, sweep * 8 + trial, 160);
                long duration = (2 + random.nextInt(30)) * 60_000L;
                Long ended = writeRun(out, random, placement, SWEEPS, child, "sweep-" + (sweep + 1) + "-trial-" + trial, commit, parent, status,
                        Map.of("model", "xgboost", "learning_rate", fmt(lr), "max_depth", String.valueOf(depth),
                                "n_estimators", String.valueOf(100 + 50 * random.nextInt(8)), "subsample", fmt(0.6 + 0.1 * random.nextInt(5)),
                                "feast.feature_service", DemoFeast.SERVICE),
                        Map.of("val_auc", auc, "train_logloss", 0.3 - auc * 0.2), 20 + random.nextInt(40),
                        deleted, new Timing(at, duration));
                ends.put(child, ended);
                at = (ended == null ? at + duration : ended) + 30_000L;
                if (status == MlrunsWriter.FINISHED && !deleted && auc > bestAuc) {
                    bestAuc = auc;
                    bestChild = child;
                }
            }
            ends.put(parent, writeRun(out, random, placement, SWEEPS, parent, "sweep-" + (sweep + 1), commit, null,
                    sweep == 19 ? MlrunsWriter.RUNNING : MlrunsWriter.FINISHED,
                    Map.of("search", "random", "trials", "8"), Map.of("best_val_auc", bestAuc), 0, false,
                    new Timing(sweepStart, at - sweepStart)));
            if (sweep % 5 == 4 && bestChild != null) {
                best.add(new String[] {MODEL, bestChild, SWEEPS, String.valueOf(bestAuc)});
            }
        }
        for (int i = 0; i < 60; i++) {
            Commit commit = pick(commits, 30 + i, 90);
            String dropped = FEATURES[i % FEATURES.length];
            double auc = 0.80 - (dropped.equals("tenure") ? 0.04 : 0.01) + random.nextGaussian() * 0.005;
            String id = runId(random);
            ends.put(id, writeRun(out, random, placement, ABLATION, id, "drop-" + dropped + "-" + (i / FEATURES.length + 1), commit, null,
                    status(random, i, 60), Map.of("model", "xgboost", "features_dropped", dropped, "seed", String.valueOf(i)),
                    Map.of("val_auc", auc, "f1", auc - 0.1), 12, i == 41, null));
        }
        registry(out, best, ends, random);
    }

    /**
     * Registers the best runs' models: each version a few hours after the run that logged it
     * ended (a logged model just before that end), the registered model shortly before its first
     * version, and the aliases on the last two versions of the classifier.
     */
    private void registry(MlrunsWriter out, List<String[]> best, Map<String, Long> ends, Random random) throws IOException {
        Map<String, Integer> versions = new LinkedHashMap<>();
        Map<String, long[]> created = new LinkedHashMap<>();
        for (String[] made : best) {
            int version = versions.merge(made[0], 1, Integer::sum);
            long runEnd = ends.get(made[1]);
            long at = runEnd + (1 + random.nextInt(6)) * 3_600_000L + random.nextInt(3_600_000);
            created.merge(made[0], new long[] {at, at}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            Map<String, String> tags = Map.of("validated", version % 2 == 0 ? "true" : "false");
            if (made.length < 4) {
                out.modelVersion(made[0], version, made[1], made[2], at, tags);
                continue;
            }
            // The sweeps log their best model as an MLflow 3 logged model, and the version is registered from it.
            String modelId = "m-" + made[1];
            out.loggedModel(made[2], modelId, "xgb-churn", made[1], runEnd - 60_000L,
                    Map.of("objective", "binary:logistic"), Map.of("mlflow.modelVersions",
                            "[{\"name\": \"" + made[0] + "\", \"version\": " + version + "}]"),
                    "val_auc", Double.parseDouble(made[3]));
            out.modelVersionFrom(made[0], version, made[1], "models:/" + modelId, at, tags);
        }
        int churn = versions.getOrDefault(MODEL, 0);
        Map<String, String> aliases = new LinkedHashMap<>();
        if (churn >= 2) {
            aliases.put("champion", String.valueOf(churn - 1));
            aliases.put("challenger", String.valueOf(churn));
        }
        long[] classifier = created.getOrDefault(MODEL, new long[] {0, 0});
        out.model(MODEL, "Predicts which customers will cancel within 30 days.", classifier[0] - 3_600_000L, classifier[1],
                aliases, Map.of("owner", "retention", "task", "classification"));
        long[] baseline = created.getOrDefault("churn-baseline-model", new long[] {0, 0});
        out.model("churn-baseline-model", null, baseline[0] - 3_600_000L, baseline[1], Map.of("baseline", "1"), Map.of());
    }

    /** Writes one run, at {@code timing} or shortly after its commit; returns when it ended (null while it runs). */
    private static Long writeRun(MlrunsWriter out, Random random, Placement placement, String experiment, String id, String name,
                                 Commit commit, String parent, int status, Map<String, String> params, Map<String, Double> finals,
                                 int steps, boolean deleted, Timing timing) throws IOException {
        long start = timing != null ? timing.start() : commit.timeMillis() + (10 + random.nextInt(230)) * 60_000L;
        long duration = timing != null ? timing.duration() : (2 + random.nextInt(40)) * 60_000L;
        // A failed run stopped part of the way; a running one is part of the way now.
        double reached = status == MlrunsWriter.FINISHED ? 1 : 0.35 + 0.35 * random.nextDouble();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.runName", name);
        tags.put("mlflow.user", commit.user());
        tags.put("mlflow.source.type", "LOCAL");
        tags.put("mlflow.source.name", "src/churn/train.py");
        tags.put("mlflow.source.git.commit", commit.id());
        java.util.Optional<DemoTraining.Job> ci = experiment.equals(ABLATION) ? java.util.Optional.empty()
                : placement.training().of(commit.id());
        if (ci.isPresent()) {
            long[] slot = placement.slot(commit.id(), ci.get(), experiment.equals(SWEEPS) && parent == null);
            start = slot[0];
            duration = slot[1];
            tags.put("mlflow.source.type", "JOB");
            tags.put("GITLAB_CI", "true");
            tags.put("CI_PROJECT_PATH", "demo/ml-project");
            tags.put("CI_PIPELINE_ID", ci.get().runId());
            tags.put("CI_PIPELINE_IID", Long.toString(ci.get().number()));
            tags.put("CI_JOB_ID", ci.get().jobId());
            tags.put("CI_JOB_NAME", "train");
            tags.put("CI_COMMIT_SHA", commit.id());
        } else {
            Long pipelineEnd = placement.training().pipelineEnd(commit.id());
            Long running = placement.training().runningPipelineCreated(commit.id());
            if (running != null) {
                // The commit's pipeline has not ended: started by hand right after the commit, before CI began.
                start = commit.timeMillis() + (start - commit.timeMillis()) % Math.max(1, running - commit.timeMillis());
            } else if (pipelineEnd != null && start < pipelineEnd + 5 * 60_000L) {
                // Started by hand: after the commit's pipeline, never inside one of its jobs.
                start = pipelineEnd + 5 * 60_000L + (start - commit.timeMillis()) % (60 * 60_000L);
            }
        }
        if (parent != null) {
            tags.put("mlflow.parentRunId", parent);
        }
        Long end = status == MlrunsWriter.RUNNING ? null
                : status == MlrunsWriter.FINISHED ? start + duration : start + Math.round(duration * reached);
        out.run(new MlrunsWriter.Run(experiment, id, name, commit.user(), status, start, end, deleted, params, tags));
        String plotted = new java.util.TreeSet<>(finals.keySet()).first();
        List<Double> history = new ArrayList<>();
        Map<String, Double> logged = new LinkedHashMap<>();
        for (Map.Entry<String, Double> metric : new java.util.TreeMap<>(finals).entrySet()) {
            List<MlrunsWriter.Point> points = MetricCurves.curve(metric.getKey(), metric.getValue(), start, duration, steps,
                    reached, random);
            out.metric(experiment, id, metric.getKey(), points);
            logged.put(metric.getKey(), points.get(points.size() - 1).value());
            if (metric.getKey().equals(plotted)) {
                points.forEach(p -> history.add(p.value()));
            }
        }
        DemoArtifacts.write(out.artifacts(experiment, id), id, params, logged, plotted, history);
        // The training data is refreshed every few weeks by the ingest job (DemoLineageEvents).
        String refresh = DemoLineageEvents.refreshOf(commit.timeMillis());
        out.datasetInput(experiment, id, "train-" + refresh, "in-" + id.substring(0, 12) + "-t", "customers-train", refresh,
                sourceOf(DemoLineageEvents.CUSTOMERS_URI), "training");
        out.datasetInput(experiment, id, "holdout-v1", "in-" + id.substring(0, 12) + "-e", "customers-holdout",
                DemoLineageEvents.HOLDOUT_VERSION, sourceOf(DemoLineageEvents.HOLDOUT_URI), "eval");
        return end;
    }

    /**
     * Places the runs a train job logged inside its window: a sweep's parent around the whole job,
     * the others one after another in equal slots.
     */
    private static final class Placement {
        private final DemoTraining training;
        private final Map<String, Integer> counts;
        private final Map<String, Integer> used = new java.util.HashMap<>();

        Placement(DemoTraining training, Map<String, Integer> counts) {
            this.training = training;
            this.counts = counts;
        }

        DemoTraining training() {
            return training;
        }

        /** {start, duration} of the next run {@code job} logged for {@code commit}. */
        long[] slot(String commit, DemoTraining.Job job, boolean enclosing) {
            long length = job.end() - job.start();
            if (enclosing) {
                return new long[] {job.start() + 20_000, length - 40_000};
            }
            int n = Math.max(1, counts.getOrDefault(commit, 1));
            int k = used.merge(commit, 1, Integer::sum) - 1;
            long slot = Math.max(60_000, (length - 60_000) / n);
            return new long[] {job.start() + 30_000 + k * slot, Math.max(30_000, slot * 9 / 10)};
        }
    }

    /** Spreads {@code count} runs over the history: run {@code i} uses a commit {@code i/count} of the way along. */
    static Commit pick(List<Commit> commits, int i, int count) {
        return commits.get((int) ((long) i * (commits.size() - 1) / Math.max(1, count - 1)) % commits.size());
    }

    private static int status(Random random, int i, int count) {
        return random.nextInt(100) < 5 && i < count - 1 ? MlrunsWriter.FAILED : MlrunsWriter.FINISHED;
    }

    private static String runId(Random random) {
        return String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    }

    /** A dataset source as MLflow stores it for data read from a location: {@code {"uri": "…"}}. */
    private static String sourceOf(String uri) {
        return "{\"uri\": \"" + uri + "\"}";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
