package dev.braid.experiments.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunFilterParseTest {
    private static FilterNode.Comparison comparison(String expression) throws FilterSyntaxException {
        return assertInstanceOf(FilterNode.Comparison.class, RunFilter.parse(expression).root());
    }

    private static FilterSyntaxException error(String expression) {
        return assertThrows(FilterSyntaxException.class, () -> RunFilter.parse(expression), expression);
    }

    private static void assertError(String expression, int position, String reason) {
        FilterSyntaxException e = error(expression);
        assertEquals(position, e.position(), expression + " → " + e.getMessage());
        assertEquals(reason, e.reason(), expression);
        assertEquals("position " + position + ": " + reason, e.getMessage());
    }

    @Test
    void nothingMeansEveryRun() throws Exception {
        assertTrue(RunFilter.parse(null).isEmpty());
        assertTrue(RunFilter.parse(" \t").isEmpty());
        assertEquals(new SqlFragment("1", List.of()), RunFilter.parse("").where());
        assertFalse(RunFilter.parse("status = 'RUNNING'").isEmpty());
    }

    @Test
    void everyPrefixSpellingOfMlflow() throws Exception {
        for (String p : List.of("metric", "metrics")) {
            assertEquals(Entity.METRIC, comparison(p + ".x > 1").field().entity());
        }
        for (String p : List.of("param", "params", "parameter", "parameters")) {
            assertEquals(Entity.PARAM, comparison(p + ".x = 'a'").field().entity());
        }
        for (String p : List.of("tag", "tags")) {
            assertEquals(Entity.TAG, comparison(p + ".x = 'a'").field().entity());
        }
        for (String p : List.of("attribute", "attributes", "attr", "run")) {
            assertEquals(RunAttribute.STATUS, comparison(p + ".status = 'a'").field().attribute());
        }
        for (String p : List.of("dataset", "datasets")) {
            assertEquals(Entity.DATASET, comparison(p + ".name = 'a'").field().entity());
        }
        assertEquals(RunAttribute.USER_ID, comparison("user_id = 'a'").field().attribute());
        assertEquals(RunAttribute.START_TIME, comparison("attributes.Created > 1").field().attribute());
        assertEquals(RunAttribute.RUN_NAME, comparison("`Run name` = 'a'").field().attribute());
    }

    @Test
    void keysMayBeQuotedAndKeepTheirDots() throws Exception {
        assertEquals("a.b-c d", comparison("params.`a.b-c d` = 'x'").field().key());
        assertEquals("a.b", comparison("params.\"a.b\" = 'x'").field().key());
        assertEquals("a.b.c", comparison("metrics.a.b.c < 1").field().key());
        assertEquals("é_1", comparison("tags.é_1 = 'x'").field().key());
    }

    @Test
    void numbersInEveryForm() throws Exception {
        assertEquals(-1.0, number("metrics.x > -1"));
        assertEquals(0.001, number("metrics.x > 1e-3"));
        assertEquals(0.5, number("metrics.x > .5"));
        assertEquals(5.0, number("metrics.x > 5."));
        assertEquals(-2500.0, number("metrics.x > -2.5E+3"));
        assertEquals(List.of(1_700_000_000_000L), RunFilter.parse("attributes.start_time >= 1700000000000").where().parameters());
        assertEquals(List.of(1.5), RunFilter.parse("attributes.end_time < 1.5").where().parameters());
    }

    private static double number(String expression) throws FilterSyntaxException {
        return ((FilterValue.Number) comparison(expression).value()).value();
    }

    @Test
    void stringsInEitherQuoteKeepWhatIsBetweenThem() throws Exception {
        assertEquals(new FilterValue.Text("a b"), comparison("params.x = 'a b'").value());
        assertEquals(new FilterValue.Text("it's"), comparison("params.x = \"it's\"").value());
        assertEquals(new FilterValue.Text(""), comparison("params.x = ''").value());
        assertEquals(new FilterValue.Text("a''b"), comparison("params.x = 'a''b'").value());
        assertEquals(new FilterValue.TextList(List.of("a", "b'c", "d")),
                comparison("run_id IN ('a', \"b'c\", 'd',)").value());
        assertEquals(new FilterValue.TextList(List.of("x'y")), comparison("run_id IN ('x\\'y')").value());
    }

    @Test
    void keywordsInAnyCase() throws Exception {
        FilterNode root = RunFilter.parse("params.a like 'x' and params.b ILike 'y' Or run_id not in ('z')"
                + " OR params.c is not null AND params.d Is Null").root();
        FilterNode.Or or = assertInstanceOf(FilterNode.Or.class, root);
        assertEquals(3, or.parts().size());
        assertEquals(2, assertInstanceOf(FilterNode.And.class, or.parts().get(0)).parts().size());
        assertEquals(Operator.NOT_IN, assertInstanceOf(FilterNode.Comparison.class, or.parts().get(1)).operator());
        assertEquals(2, assertInstanceOf(FilterNode.And.class, or.parts().get(2)).parts().size());
    }

    @Test
    void operatorsNeedNoSpaces() throws Exception {
        assertEquals(Operator.LE, comparison("metrics.x<=1").operator());
        assertEquals(Operator.NE, comparison("params.x!='1'").operator());
        assertEquals(Operator.GT, comparison("(metrics.x>1)").operator());
    }

    @Test
    void valuesOnlyEverTravelAsParameters() throws Exception {
        SqlFragment where = RunFilter.parse("params.model = 'x'' OR 1=1' AND tags.`t'; DROP` LIKE 'a%'").where();
        assertFalse(where.sql().contains("1=1"));
        assertFalse(where.sql().contains("DROP"));
        assertEquals(List.of("model", "x'' OR 1=1", "t'; DROP", "a*"), where.parameters());
    }

    @Test
    void mistakesArePointedAt() {
        assertError("metrics.rmse 0.5", 13, "expected a comparison operator after 'metrics.rmse', found '0.5'");
        assertError("metrics.rmse LIKE '0.5'", 13, "LIKE is not allowed for metrics (use =, !=, <, <=, > or >=)");
        assertError("attributes.foo = 'x'", 0,
                "unknown attribute 'foo' (valid: run_id, run_name, user_id, status, artifact_uri, start_time, end_time)");
        assertError("metric.rmse < 'x'", 14, "expected a number for metric.rmse (without quotes), found ''x''");
        assertError("params.lr = 0.01", 12, "expected a quoted string for params.lr, e.g. 'value', found '0.01'");
        assertError("params.lr = 'abc", 12, "the quote opened here is never closed");
        assertError("params.my-key = 'x'", 9,
                "unexpected '-' in the key 'params.my'; quote keys that contain it, e.g. params.`my-key`");
        assertError("(metrics.a > 1", 14,
                "expected AND, OR or ')' to close the '(' at position 0, found the end of the expression");
        assertError("metrics.a > 1)", 13, "unexpected ')' without a matching '('");
        assertError("metrics.a > 1 metrics.b > 2", 14, "expected AND, OR or the end of the filter, found 'metrics.b'");
        assertError("foo.bar = 'x'", 0, "unknown key type 'foo': use metrics., params., tags., attributes. or datasets.");
        assertError("metrics = 1", 7, "expected '.' and a name after 'metrics'");
        assertError("metrics. > 1", 8, "expected a name after 'metrics.', found ' '");
        assertError("attributes.status IN ('a')", 18, "IN is only allowed for attributes.run_id and datasets");
        assertError("run_id IN ()", 10, "the list after IN is empty");
        assertError("run_id IN 'a'", 10, "expected a list in parentheses after IN, e.g. ('a', 'b'), found ''a''");
        assertError("run_id IN ('a' 'b')", 15, "expected ',' or ')' in the list, found ''b')'");
        assertError("metrics.x IS NULL", 10, "IS NULL is only allowed for params and tags");
        assertError("params.x == 'a'", 9, "'==' is not an operator here; use '='");
        assertError("params.x <> 'a'", 9, "'<>' is not an operator here; use '!='");
        assertError("params.x NOT LIKE 'a'", 13, "expected IN after NOT (NOT LIKE and other negations are not supported)");
        assertError("params.x IS 'a'", 12, "expected NULL or NOT NULL after IS");
        assertError("metrics.a > 1 AND", 17, "expected a comparison such as metrics.rmse < 0.5");
        assertError("metrics.a > 1 AND ()", 19,
                "expected a key such as metrics.rmse, params.lr, tags.team or attributes.status, found ')'");
        assertError("datasets.size = 'x'", 0, "unknown dataset field 'size' (valid: name, digest, context)");
        assertError("attributes.status < 'x'", 18,
                "< is not allowed for attributes.status (use =, !=, LIKE or ILIKE)");
        assertError("attributes.start_time LIKE '1%'", 22,
                "LIKE is not allowed for attributes.start_time (use =, !=, <, <=, > or >=)");
        assertError("params.`a = 'x'", 7, "the backtick opened here is never closed");
        assertError("metrics.x > 1abc", 12, "expected a number for metrics.x, found '1abc'");
        assertError("metrics.x > 1 OR", 16, "expected a comparison such as metrics.rmse < 0.5");
    }

    @Test
    void caretLineMarksThePosition() {
        FilterSyntaxException e = error("metrics.rmse 0.5");
        assertEquals("metrics.rmse 0.5\n             ^", e.caretLine());
        assertEquals("metrics.a > 1 AND\n                 ^", error("metrics.a > 1 AND").caretLine());
        assertEquals("a b\n ^", new FilterSyntaxException("a\tb", 1, "x").caretLine());
    }
}
