package dev.braid.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.AppContext;
import dev.braid.experiments.LoggedModel;
import dev.braid.experiments.MetricPoint;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.repos.CommitDetail;
import dev.braid.sync.Source;
import dev.braid.testing.DemoData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's experiments as a data scientist would read them: losses fall and scores rise over
 * training, every point lies inside its run's time, a run starts after the commit it names and a
 * trial inside its sweep, and a model version is registered after the run that logged it ended.
 * Every time and value Braid shows of the demo is checked here, on the synced cache.
 */
class DemoPlausibilityTest {
    private static DemoData demo;
    private static List<RunSummary> runs;

    @BeforeAll
    static void open() throws Exception {
        demo = DemoData.open();
        runs = demo.context().experiments().runs(new RunQuery(null, List.of(), null, null, 0));
    }

    @AfterAll
    static void close() throws Exception {
        demo.close();
    }

    private static boolean lowerIsBetter(String key) {
        return key.contains("loss");
    }

    @Test
    void lossesFallAndScoresRiseOverEveryRunsTraining() throws Exception {
        AppContext context = demo.context();
        int curves = 0;
        for (RunSummary run : runs) {
            for (Map.Entry<String, Double> latest : run.metrics().entrySet()) {
                List<MetricPoint> history = context.experiments().metricHistory(run.runPk(), latest.getKey());
                String where = run.runName() + " " + latest.getKey();
                assertFalse(history.isEmpty(), where);
                for (int i = 1; i < history.size(); i++) {
                    assertTrue(history.get(i).step() > history.get(i - 1).step(), where + ": steps go up");
                    assertTrue(history.get(i).timestamp() >= history.get(i - 1).timestamp(), where + ": time goes on");
                }
                assertEquals(latest.getValue(), history.get(history.size() - 1).value(), 1e-12, where + ": the latest value is the last point");
                for (MetricPoint p : history) {
                    assertTrue(p.timestamp() >= run.startTime(), where + ": no point before the run started");
                    if (run.endTime() != null) {
                        assertTrue(p.timestamp() <= run.endTime(), where + ": no point after the run ended");
                    }
                    if (latest.getKey().contains("auc")) {
                        assertTrue(p.value() >= 0.45 && p.value() <= 1, where + ": an AUC near chance or better, not " + p.value());
                    } else if (!lowerIsBetter(latest.getKey())) {
                        assertTrue(p.value() > 0 && p.value() <= 1, where + ": a score between 0 and 1, not " + p.value());
                    } else {
                        assertTrue(p.value() > 0, where + ": a positive loss");
                    }
                }
                if (history.size() >= 6) {
                    curves++;
                    int third = history.size() / 3;
                    double early = mean(history.subList(0, third));
                    double late = mean(history.subList(history.size() - third, history.size()));
                    if (lowerIsBetter(latest.getKey())) {
                        assertTrue(early > late * 1.3, where + ": the loss falls (" + early + " → " + late + ")");
                    } else {
                        assertTrue(late > early + 0.01, where + ": the score rises (" + early + " → " + late + ")");
                    }
                }
            }
        }
        assertTrue(curves > 400, "most runs log a history worth a chart: " + curves);
    }

    @Test
    void runsStartAfterTheirCommitAndTrialsRunInsideTheirSweep() {
        AppContext context = demo.context();
        Source repo = demo.source(DemoService.SOURCE_NAME);
        Map<String, RunSummary> byId = new HashMap<>();
        runs.forEach(r -> byId.put(r.runId(), r));
        Map<String, Long> commitTimes = new HashMap<>();
        for (RunSummary run : runs) {
            assertNotNull(run.sourceCommit(), run.runName());
            long committed = commitTimes.computeIfAbsent(run.sourceCommit(), hash -> context.repositories()
                    .commit(repo.id(), hash).map(CommitDetail::commitTime).orElseThrow().toInstant().toEpochMilli());
            assertTrue(run.startTime() >= committed, run.runName() + " starts after the commit it was trained from");
            if (run.endTime() != null) {
                assertTrue(run.endTime() > run.startTime(), run.runName() + " ends after it starts");
                assertTrue(run.endTime() - run.startTime() < 6 * 3_600_000L, run.runName() + " takes hours, not days");
            } else {
                assertEquals("RUNNING", run.status(), run.runName() + " without an end is running");
            }
            if (run.parentRunId() != null) {
                RunSummary parent = byId.get(run.parentRunId());
                assertNotNull(parent, run.runName() + "'s sweep");
                assertTrue(run.startTime() >= parent.startTime(), run.runName() + " starts inside its sweep");
                if (parent.endTime() != null) {
                    assertNotNull(run.endTime(), run.runName() + " cannot outlive its sweep");
                    assertTrue(run.endTime() <= parent.endTime(), run.runName() + " ends inside its sweep");
                }
            }
        }
    }

    @Test
    void modelsAreRegisteredAfterTheRunsThatLoggedThem() {
        AppContext context = demo.context();
        Map<String, RunSummary> byId = new HashMap<>();
        runs.forEach(r -> byId.put(r.runId(), r));
        List<String> checked = new ArrayList<>();
        for (RegisteredModel model : context.experiments().models()) {
            long firstVersion = Long.MAX_VALUE;
            for (ModelVersion version : model.versions()) {
                RunSummary run = byId.get(version.runId());
                assertNotNull(run, model.name() + " v" + version.version() + " names a run");
                assertNotNull(run.endTime(), "a version is registered from a finished run");
                assertTrue(version.creationTimestamp() > run.endTime(), model.name() + " v" + version.version()
                        + " is registered after " + run.runName() + " ended");
                firstVersion = Math.min(firstVersion, version.creationTimestamp());
                checked.add(model.name() + " v" + version.version());
            }
            assertTrue(model.creationTimestamp() <= firstVersion, model.name() + " exists before its first version");
            for (String target : model.aliases().values()) {
                assertTrue(model.versions().stream().anyMatch(v -> v.version().equals(target)), model.name() + " @" + target);
            }
        }
        for (LoggedModel logged : context.experiments().loggedModels()) {
            RunSummary run = byId.get(logged.sourceRunId());
            assertTrue(logged.creationTimestamp() >= run.startTime() && logged.creationTimestamp() <= run.endTime(),
                    logged.modelId() + " is logged while " + run.runName() + " runs");
        }
        assertTrue(checked.size() >= 5, checked.toString());
    }

    private static double mean(List<MetricPoint> points) {
        return points.stream().mapToDouble(MetricPoint::value).average().orElseThrow();
    }
}
