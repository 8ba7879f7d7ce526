package dev.braid.experiments.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed filter into a WHERE fragment over {@code runs r}, evaluating each clause the way
 * MLflow's SQL store does on SQLite:
 * <ul>
 * <li>a metric, param, tag or dataset clause holds only for runs that have that key
 * ({@code !=} included), via {@code r.run_pk IN (SELECT run_pk FROM … WHERE key = ? AND …)},
 * which SQLite answers from the {@code (key, value)} indexes;</li>
 * <li>a NaN metric (cached as a row with a NULL value) satisfies only {@code !=};</li>
 * <li>{@code =}, {@code !=} and LIKE are case-sensitive, ILIKE is not (ASCII case folding, as
 * SQLite's {@code lower()}); IS NULL is "the run has no such param or tag";</li>
 * <li>{@code attributes.run_name} is matched against the {@code mlflow.runName} tag, as MLflow does.</li>
 * </ul>
 *
 * <p>Three renderings of the same condition: as sets ({@code r.run_pk IN (SELECT …)}, each list
 * built once from the (key, value) index); run by run ({@code EXISTS (SELECT … WHERE k.run_pk =
 * r.run_pk …)}, a primary-key lookup per run tested; right when runs are walked in an index's order
 * until a page is full, as building whole lists first would cost more than the page); and as one
 * query for the set of matching run keys, with AND as INTERSECT and OR as UNION (right when every
 * run must be tested, as for a count: SQLite merges lists read from the (key, value) indexes, which
 * an equality gives in key order, instead of testing each run against each list).
 */
final class WhereTranslator {
    static final String RUN_NAME_TAG = "mlflow.runName";

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private final boolean perRun;
    private final boolean asSet;

    private WhereTranslator(boolean perRun, boolean asSet) {
        this.perRun = perRun;
        this.asSet = asSet;
    }

    /** The condition with each key/value clause as a set of runs ({@code r.run_pk IN (…)}). */
    static SqlFragment translate(FilterNode node) {
        return translate(node, false);
    }

    /** The same condition with each key/value clause as a lookup for the run tested ({@code EXISTS (…)}). */
    static SqlFragment translatePerRun(FilterNode node) {
        return translate(node, true);
    }

    /** The keys of the runs the condition accepts: a SELECT of one column, {@code run_pk}. */
    static SqlFragment translateToSet(FilterNode node) {
        WhereTranslator t = new WhereTranslator(false, true);
        t.set(node);
        return new SqlFragment(t.sql.toString(), t.parameters);
    }

    private static SqlFragment translate(FilterNode node, boolean perRun) {
        WhereTranslator t = new WhereTranslator(perRun, false);
        t.node(node);
        return new SqlFragment(t.sql.toString(), t.parameters);
    }

    private void set(FilterNode node) {
        if (node instanceof FilterNode.And and) {
            compound(and.parts(), " INTERSECT ");
        } else if (node instanceof FilterNode.Or or) {
            compound(or.parts(), " UNION ");
        } else if (node instanceof FilterNode.Comparison c) {
            FieldRef field = c.field();
            switch (field.entity()) {
                case METRIC -> keyedSet("run_metrics", field.key(), c);
                case PARAM -> keyedSet("run_params", field.key(), c);
                case TAG -> keyedSet("run_tags", field.key(), c);
                case DATASET -> {
                    sql.append("SELECT d.run_pk FROM run_dataset_inputs d WHERE ");
                    condition("d." + field.key(), c, false);
                }
                case ATTRIBUTE -> {
                    if (field.attribute() == RunAttribute.RUN_NAME) {
                        keyedSet("run_tags", RUN_NAME_TAG, c);
                    } else {
                        sql.append("SELECT r.run_pk FROM runs r WHERE ");
                        condition("r." + field.attribute().column(), c, false);
                    }
                }
            }
        } else {
            sql.append("SELECT r.run_pk FROM runs r");
        }
    }

    /** Parts that are compounds themselves become subqueries: SQLite takes no parentheses around them. */
    private void compound(List<FilterNode> parts, String operator) {
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            FilterNode part = parts.get(i);
            boolean simple = part instanceof FilterNode.Comparison c && c.operator() != Operator.IS_NULL;
            if (simple) {
                set(part);
            } else {
                sql.append("SELECT run_pk FROM (");
                set(part);
                sql.append(')');
            }
        }
    }

    private void keyedSet(String table, String key, FilterNode.Comparison c) {
        Operator op = c.operator();
        if (op == Operator.IS_NULL) {
            sql.append("SELECT r.run_pk FROM runs r EXCEPT ");
        }
        sql.append("SELECT k.run_pk FROM ").append(table).append(" k WHERE k.key = ?");
        parameters.add(key);
        if (!op.takesNoValue()) {
            sql.append(" AND ");
            condition("k.value", c, c.field().entity() == Entity.METRIC);
        }
    }

    private void node(FilterNode node) {
        if (node instanceof FilterNode.And and) {
            join(and.parts(), " AND ");
        } else if (node instanceof FilterNode.Or or) {
            join(or.parts(), " OR ");
        } else if (node instanceof FilterNode.Comparison c) {
            comparison(c);
        } else {
            sql.append('1');
        }
    }

    private void join(List<FilterNode> parts, String operator) {
        sql.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            node(parts.get(i));
        }
        sql.append(')');
    }

    private void comparison(FilterNode.Comparison c) {
        FieldRef field = c.field();
        switch (field.entity()) {
            case METRIC -> keyed("run_metrics", field.key(), c);
            case PARAM -> keyed("run_params", field.key(), c);
            case TAG -> keyed("run_tags", field.key(), c);
            case DATASET -> {
                sql.append(perRun ? "EXISTS (SELECT 1 FROM run_dataset_inputs d WHERE d.run_pk = r.run_pk AND "
                        : "r.run_pk IN (SELECT d.run_pk FROM run_dataset_inputs d WHERE ");
                condition("d." + field.key(), c, false);
                sql.append(')');
            }
            case ATTRIBUTE -> {
                if (field.attribute() == RunAttribute.RUN_NAME) {
                    keyed("run_tags", RUN_NAME_TAG, c);
                } else {
                    sql.append('(');
                    condition("r." + field.attribute().column(), c, false);
                    sql.append(')');
                }
            }
        }
    }

    /** A clause on a key/value table: the run must have the key, and its value must match. */
    private void keyed(String table, String key, FilterNode.Comparison c) {
        Operator op = c.operator();
        if (perRun) {
            sql.append(op == Operator.IS_NULL ? "NOT EXISTS (" : "EXISTS (");
            sql.append("SELECT 1 FROM ").append(table).append(" k WHERE k.run_pk = r.run_pk AND k.key = ?");
        } else {
            sql.append(op == Operator.IS_NULL ? "r.run_pk NOT IN (" : "r.run_pk IN (");
            sql.append("SELECT k.run_pk FROM ").append(table).append(" k WHERE k.key = ?");
        }
        parameters.add(key);
        if (!op.takesNoValue()) {
            sql.append(" AND ");
            // Run by run, the unary + keeps SQLite on the primary key (run_pk, key): without
            // statistics it would otherwise scan the (key, value) index's range for every run.
            condition(perRun ? "+k.value" : "k.value", c, c.field().entity() == Entity.METRIC);
        }
        sql.append(')');
    }

    private void condition(String column, FilterNode.Comparison c, boolean metric) {
        Operator op = c.operator();
        switch (op) {
            case LIKE -> {
                sql.append(column).append(" GLOB ?");
                parameters.add(LikePattern.toGlob(text(c)));
            }
            case ILIKE -> {
                sql.append("lower(").append(column).append(") LIKE lower(?)");
                parameters.add(text(c));
            }
            case IN, NOT_IN -> {
                List<String> values = ((FilterValue.TextList) c.value()).values();
                sql.append(column).append(op == Operator.IN ? " IN (" : " NOT IN (");
                for (int i = 0; i < values.size(); i++) {
                    sql.append(i == 0 ? "?" : ", ?");
                    parameters.add(values.get(i));
                }
                sql.append(')');
            }
            case IS_NULL, IS_NOT_NULL -> throw new IllegalStateException("handled by keyed()");
            default -> {
                boolean nanMatches = metric && op == Operator.NE;
                sql.append(nanMatches ? "(" : "").append(column).append(' ').append(op.text()).append(" ?");
                if (nanMatches) {
                    sql.append(" OR ").append(column).append(" IS NULL)");
                }
                parameters.add(bound(c.value(), metric));
            }
        }
    }

    private static String text(FilterNode.Comparison c) {
        return ((FilterValue.Text) c.value()).value();
    }

    private static Object bound(FilterValue value, boolean metric) {
        if (value instanceof FilterValue.Text t) {
            return t.value();
        }
        if (value instanceof FilterValue.Number n) {
            // Times are INTEGER columns: bind whole numbers as integers, like MLflow's int(value).
            return !metric && n.integral() && Math.abs(n.value()) < 9.0e15 ? (Object) Long.parseLong(n.literal()) : n.value();
        }
        throw new IllegalStateException("no single value in " + value);
    }
}
