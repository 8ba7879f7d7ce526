package dev.braid.experiments.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOrderTest {
    @TempDir
    static Path tmp;

    private static RunCacheFixture cache;

    @BeforeAll
    static void fillCache() throws Exception {
        cache = RunCacheFixture.open(tmp);
        cache.run("r1", 1000).end(2000L).param("lr", "0.01").metric("rmse", 0.4).metric("acc", 0.9)
                .tag("team", "ml-core").insert();
        cache.run("r2", 2000).end(3000L).param("lr", "0.1").metric("rmse", 0.7).metric("acc", Double.NaN)
                .tag("team", "ML-ops").insert();
        cache.run("r3", 3000).param("lr", "1e-3").metric("rmse", -1.5).metric("acc", 0.95)
                .tag("team", "ml_core").insert();
        cache.run("r4", 4000).end(5000L).metric("rmse", 1e5).insert();
        cache.run("r5", 5000).insert();
        cache.run("r0", 5000).metric("rmse", 0.4).insert();
    }

    @AfterAll
    static void closeCache() {
        cache.close();
    }

    private static void assertOrder(List<String> orderBy, String... expected) throws FilterSyntaxException {
        assertEquals(List.of(expected), cache.ids(RunFilter.parse(""), RunOrder.parse(orderBy)), orderBy.toString());
    }

    @Test
    void defaultIsNewestFirstThenRunId() throws Exception {
        assertOrder(List.of(), "r0", "r5", "r4", "r3", "r2", "r1");
        assertEquals(RunOrder.defaultOrder(), RunOrder.parse(null));
        assertEquals("r.start_time DESC, r.run_id ASC", RunOrder.defaultOrder().orderBy().sql());
    }

    @Test
    void metricsSortAsNumbersWithMissingOnesLastEitherWay() throws Exception {
        assertOrder(List.of("metrics.rmse DESC"), "r4", "r2", "r0", "r1", "r3", "r5");
        assertOrder(List.of("metrics.rmse ASC"), "r3", "r0", "r1", "r2", "r4", "r5");
        assertOrder(List.of("metric.rmse"), "r3", "r0", "r1", "r2", "r4", "r5");
    }

    @Test
    void nanSortsAfterNumbersAndBeforeMissingEitherWay() throws Exception {
        assertOrder(List.of("metrics.acc DESC"), "r3", "r1", "r2", "r0", "r5", "r4");
        assertOrder(List.of("metrics.acc asc"), "r1", "r3", "r2", "r0", "r5", "r4");
    }

    @Test
    void paramsAndTagsSortAsStrings() throws Exception {
        assertOrder(List.of("params.lr"), "r1", "r2", "r3", "r0", "r5", "r4");
        assertOrder(List.of("params.lr DESC"), "r3", "r2", "r1", "r0", "r5", "r4");
        assertOrder(List.of("tags.team", "metrics.rmse DESC"), "r2", "r1", "r3", "r4", "r0", "r5");
    }

    @Test
    void attributesSortWithNullsLastAndStartTimeReplacesTheDefault() throws Exception {
        assertOrder(List.of("attributes.end_time ASC"), "r1", "r2", "r4", "r0", "r5", "r3");
        assertOrder(List.of("attributes.end_time DESC"), "r4", "r2", "r1", "r0", "r5", "r3");
        assertOrder(List.of("attributes.start_time ASC"), "r1", "r2", "r3", "r4", "r0", "r5");
        assertOrder(List.of("created"), "r1", "r2", "r3", "r4", "r0", "r5");
        assertOrder(List.of("attributes.run_id DESC"), "r5", "r4", "r3", "r2", "r1", "r0");
    }

    @Test
    void filterAndOrderBindTheirParametersInTurn() throws Exception {
        assertEquals(List.of("r3", "r1"), cache.ids("params.lr != '0.1'", "metrics.acc DESC"));
        assertEquals(List.of("r1", "r3"), cache.ids("params.lr != '0.1'", "params.lr ASC"));
    }

    @Test
    void badClausesAreRejectedWithPositions() {
        FilterSyntaxException duplicate = assertThrows(FilterSyntaxException.class,
                () -> RunOrder.parse(List.of("metrics.rmse", "  metrics.rmse DESC")));
        assertEquals(2, duplicate.position());
        assertEquals("'metrics.rmse' is already in the order", duplicate.reason());
        assertThrows(FilterSyntaxException.class, () -> RunOrder.parse(List.of("created", "start_time")));
        FilterSyntaxException direction = assertThrows(FilterSyntaxException.class,
                () -> RunOrder.parse(List.of("metrics.rmse DOWN")));
        assertEquals(13, direction.position());
        FilterSyntaxException dataset = assertThrows(FilterSyntaxException.class,
                () -> RunOrder.parse(List.of("datasets.name")));
        assertEquals("runs cannot be ordered by a dataset field", dataset.reason());
        FilterSyntaxException alias = assertThrows(FilterSyntaxException.class,
                () -> RunOrder.parse(List.of("attributes.`Run Name`")));
        assertEquals(0, alias.position());
        assertThrows(FilterSyntaxException.class, () -> RunOrder.parse(List.of("")));
        assertThrows(FilterSyntaxException.class, () -> RunOrder.parse(List.of("metrics.rmse DESC x")));
    }

    @Test
    void quotedOrderKeys() throws Exception {
        RunOrder order = RunOrder.parse(List.of("params.`a b` DESC", "tags.\"x-y\""));
        assertEquals(List.of("a b", "x-y"), order.orderBy().parameters());
    }
}
