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
 */
final class WhereTranslator {
    static final String RUN_NAME_TAG = "mlflow.runName";

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private WhereTranslator() {
    }

    static SqlFragment translate(FilterNode node) {
        WhereTranslator t = new WhereTranslator();
        t.node(node);
        return new SqlFragment(t.sql.toString(), t.parameters);
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
                sql.append("r.run_pk IN (SELECT d.run_pk FROM run_dataset_inputs d WHERE ");
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
        sql.append(op == Operator.IS_NULL ? "r.run_pk NOT IN (" : "r.run_pk IN (");
        sql.append("SELECT k.run_pk FROM ").append(table).append(" k WHERE k.key = ?");
        parameters.add(key);
        if (!op.takesNoValue()) {
            sql.append(" AND ");
            condition("k.value", c, c.field().entity() == Entity.METRIC);
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
