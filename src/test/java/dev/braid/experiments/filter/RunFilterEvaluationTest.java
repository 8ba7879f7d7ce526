package dev.braid.experiments.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters evaluated by SQLite on a real cache; MLflow's default order (newest first) throughout. */
class RunFilterEvaluationTest {
    @TempDir
    static Path tmp;

    private static RunCacheFixture cache;

    @BeforeAll
    static void fillCache() throws Exception {
        cache = RunCacheFixture.open(tmp);
        cache.run("r1", 1000).end(2000L).name("alpha").user("ann").artifactUri("s3://bucket/r1")
                .param("lr", "0.01").param("model", "xgb").param("my.key", "dotted").param("learning-rate", "3")
                .metric("rmse", 0.4).metric("acc", 0.9)
                .tag("team", "ml-core").tag("Env", "Prod")
                .dataset("train", "d1", "training").insert();
        cache.run("r2", 2000).end(3000L).status("FAILED").name("beta").user("bob")
                .param("lr", "0.1").param("model", "XGB")
                .metric("rmse", 0.7).metric("acc", Double.NaN)
                .tag("team", "ML-ops")
                .dataset("eval", "d2", "evaluation").dataset("train", "d1", "training").insert();
        cache.run("r3", 3000).status("RUNNING").name("gamma").user("ann")
                .param("lr", "1e-3").param("model", "lightgbm")
                .metric("rmse", -1.5).metric("acc", 0.95)
                .tag("team", "ml_core").tag("note", "axbyc").insert();
        cache.run("r4", 4000).end(5000L).name("delta").user("cy")
                .param("model", "10")
                .metric("rmse", 1e5)
                .tag("note", "a*b?[c]").insert();
        cache.run("r5", 5000).status("KILLED").nameColumnOnly("epsilon").user("dee").insert();
    }

    @AfterAll
    static void closeCache() {
        cache.close();
    }

    private static void assertIds(String filter, String... expected) throws FilterSyntaxException {
        assertEquals(List.of(expected), cache.ids(filter), filter);
    }

    @Test
    void anEmptyFilterKeepsEveryRunNewestFirst() throws Exception {
        assertIds("", "r5", "r4", "r3", "r2", "r1");
        assertIds("   ", "r5", "r4", "r3", "r2", "r1");
    }

    @Test
    void metricsCompareAsNumbersAndOnlyRunsWithTheMetricMatch() throws Exception {
        assertIds("metrics.rmse < 0.5", "r3", "r1");
        assertIds("metrics.rmse > -2", "r4", "r3", "r2", "r1");
        assertIds("metrics.rmse >= 1e5", "r4");
        assertIds("metrics.rmse = 100000", "r4");
        assertIds("metric.rmse <= 0.4", "r3", "r1");
        assertIds("metrics.rmse != 0.4", "r4", "r3", "r2");
    }

    @Test
    void aNanMetricSatisfiesOnlyNotEquals() throws Exception {
        assertIds("metrics.acc != 0.9", "r3", "r2");
        assertIds("metrics.acc < 1", "r3", "r1");
        assertIds("metrics.acc = 0", new String[0]);
        assertIds("metrics.acc >= 0", "r3", "r1");
    }

    @Test
    void paramsCompareAsCaseSensitiveStrings() throws Exception {
        assertIds("params.model = 'xgb'", "r1");
        assertIds("params.model = \"XGB\"", "r2");
        assertIds("params.model != 'xgb'", "r4", "r3", "r2");
        assertIds("params.lr = '0.01'", "r1");
        assertIds("params.lr = '0.010'");
        assertIds("param.model = '10'", "r4");
    }

    @Test
    void likeIsCaseSensitiveAndIlikeIsNot() throws Exception {
        assertIds("params.model LIKE 'xg%'", "r1");
        assertIds("params.model ILIKE 'xg%'", "r2", "r1");
        assertIds("params.model LIKE '%G%'", "r2");
        assertIds("params.model like '_gb'", "r1");
        assertIds("tags.team LIKE 'ml-%'", "r1");
        assertIds("tags.team ILIKE 'ml-%'", "r2", "r1");
        assertIds("tags.team LIKE 'ml_core'", "r3", "r1");
        assertIds("tags.Env ILIKE 'prod'", "r1");
        assertIds("tags.env = 'Prod'");
    }

    @Test
    void globCharactersInALikePatternAreLiteral() throws Exception {
        assertIds("tags.note LIKE 'a*b?[c]'", "r4");
        assertIds("tags.note LIKE 'a*%'", "r4");
        assertIds("tags.note LIKE 'a_b_c'", "r3");
        assertIds("tags.note ILIKE '%[C]'", "r4");
    }

    @Test
    void isNullMeansTheRunLacksTheKey() throws Exception {
        assertIds("params.model IS NULL", "r5");
        assertIds("params.lr IS NULL", "r5", "r4");
        assertIds("params.lr is not null", "r3", "r2", "r1");
        assertIds("tags.team IS NOT NULL", "r3", "r2", "r1");
    }

    @Test
    void quotedKeysMayHoldDotsAndHyphens() throws Exception {
        assertIds("params.`my.key` = 'dotted'", "r1");
        assertIds("params.\"my.key\" = 'dotted'", "r1");
        assertIds("params.my.key = 'dotted'", "r1");
        assertIds("params.`learning-rate` = '3'", "r1");
        assertIds("`params`.lr = '0.1'", "r2");
    }

    @Test
    void stringAttributes() throws Exception {
        assertIds("attributes.status = 'FINISHED'", "r4", "r1");
        assertIds("status = 'finished'");
        assertIds("attr.status ILIKE 'finished'", "r4", "r1");
        assertIds("run.status != 'FINISHED'", "r5", "r3", "r2");
        assertIds("attributes.user_id = 'ann'", "r3", "r1");
        assertIds("attributes.artifact_uri LIKE 's3://%'", "r1");
        assertIds("attributes.run_id IN ('r1', 'r3', 'nope')", "r3", "r1");
        assertIds("attributes.run_id NOT IN ('r1',)", "r5", "r4", "r3", "r2");
    }

    @Test
    void runNameIsMatchedOnTheRunNameTagAsMlflowDoes() throws Exception {
        assertIds("attributes.run_name = 'alpha'", "r1");
        assertIds("`Run Name` LIKE '%a'", "r4", "r3", "r2", "r1");
        assertIds("attributes.\"run name\" = 'beta'", "r2");
        assertIds("attributes.run_name = 'epsilon'");
    }

    @Test
    void timesCompareAsNumbersAndMissingEndTimesNeverMatch() throws Exception {
        assertIds("attributes.start_time >= 3000", "r5", "r4", "r3");
        assertIds("attributes.created < 2000", "r1");
        assertIds("Created = 2000", "r2");
        assertIds("attributes.start_time > 2500.5", "r5", "r4", "r3");
        assertIds("attributes.end_time > 0", "r4", "r2", "r1");
        assertIds("attributes.end_time != 2000", "r4", "r2");
    }

    @Test
    void datasetsMatchWhenAnyInputDoes() throws Exception {
        assertIds("datasets.name = 'train'", "r2", "r1");
        assertIds("datasets.name != 'train'", "r2");
        assertIds("datasets.digest = 'd1'", "r2", "r1");
        assertIds("dataset.context IN ('evaluation', 'test')", "r2");
        assertIds("datasets.name NOT IN ('train')", "r2");
        assertIds("datasets.name ILIKE 'TR%'", "r2", "r1");
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        assertIds("params.model = 'xgb' OR params.model = 'XGB' AND metrics.rmse > 1", "r1");
        assertIds("(params.model = 'xgb' OR params.model = 'XGB') AND metrics.rmse > 0.5", "r2");
        assertIds("metrics.rmse < 0 or status = 'KILLED'", "r5", "r3");
        assertIds("params.model ILIKE 'XGB' and metrics.rmse < 0.5", "r1");
        assertIds("((status = 'KILLED'))", "r5");
        assertIds("status = 'RUNNING' AND (tags.team = 'ml_core' OR tags.team = 'x') OR run_id IN ('r5')", "r5", "r3");
    }

    @Test
    void aValueIsNeverReadAsSql() throws Exception {
        assertIds("params.model = 'xgb'' OR 1=1 --'");
        assertIds("params.model = \"xgb' OR '1'='1\"");
    }
}
