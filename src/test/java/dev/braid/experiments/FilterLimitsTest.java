package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.experiments.filter.FilterSyntaxException;
import dev.braid.store.Database;
import dev.braid.sync.SourceStore;
import dev.braid.testing.GeneratedRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters at and past the limits, on a real cache of 300 runs: at each limit every query the
 * cache builds (a page, the count, the group statistics) works and gives the right answer; one
 * step past it the filter is refused as a mistake, with the reason, never with a stack overflow
 * or SQLite's own error.
 */
class FilterLimitsTest {
    @TempDir
    Path tmp;
    private Database db;
    private ExperimentService service;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        service = new ExperimentService(db, new SourceStore(db, Clock.systemUTC()),
                new MlflowConnector(Map.of(), Duration.ofSeconds(5)), Clock.systemUTC());
        long source = service.addMlflow("http://127.0.0.1:5999", "tracking", null, null, null).id();
        GeneratedRuns.write(db, source, "1", "runs", "g", 300, 0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void twoHundredComparisonsWorkInEveryQueryAndOneMoreIsRefused() throws Exception {
        String atLimit = IntStream.range(0, 200).mapToObj(i -> "metrics.loss = " + i).collect(Collectors.joining(" OR "));
        assertWorks(atLimit, 200);
        String anded = IntStream.range(0, 200).mapToObj(i -> "metrics.loss >= " + i).collect(Collectors.joining(" AND "));
        assertWorks(anded, 101);
        refused(atLimit + " OR metrics.loss = 299", "more than 200 comparisons");
        refused("metrics.loss > 1" + " OR metrics.loss > 1".repeat(5_000), "more than 200 comparisons");
    }

    @Test
    void fiftyLevelsOfParenthesesWorkAndThousandsAreRefusedWithoutAStackOverflow() throws Exception {
        assertWorks("(".repeat(50) + "metrics.loss < 10" + ")".repeat(50), 10);
        refused("(".repeat(51) + "metrics.loss < 10" + ")".repeat(51), "more than 50 parentheses");
        refused("(".repeat(100_000) + "metrics.loss < 10" + ")".repeat(100_000), "more than 50 parentheses");
    }

    @Test
    void tenThousandValuesInOneListWorkAndMoreAreRefused() throws Exception {
        String values = IntStream.range(0, 10_000).mapToObj(i -> "'g-" + i + "'").collect(Collectors.joining(", "));
        assertWorks("attributes.run_id IN (" + values + ")", 300);
        refused("attributes.run_id IN (" + values + ", 'x')", "more than 10000 values");
    }

    private void assertWorks(String filter, int expected) throws Exception {
        RunQuery query = new RunQuery(null, List.of(), filter, null, 0);
        assertEquals(expected, service.runs(query).size());
        assertEquals(expected, service.countRuns(query));
        long grouped = service.runGroups(query, RunGroupKey.datasets(), List.of("loss")).stream()
                .mapToLong(RunGroupStats::runs).sum();
        assertEquals(expected, grouped);
    }

    private void refused(String filter, String reason) {
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> service.runs(new RunQuery(null, List.of(), filter, null, 0)));
        assertInstanceOf(FilterSyntaxException.class, e.getCause());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
