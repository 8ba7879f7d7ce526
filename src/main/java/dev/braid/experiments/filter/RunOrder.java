package dev.braid.experiments.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order of a run listing, from MLflow-style {@code order_by} clauses such as
 * {@code "metrics.rmse DESC"}, {@code "params.lr"} or {@code "attributes.start_time ASC"}.
 * Immutable.
 *
 * <p>Ordering matches MLflow's SQL store: runs without the key (or with a null value) come last
 * whichever the direction; for a metric, runs whose value is NaN come after every number and
 * before runs without the metric; then {@code start_time DESC} (unless start_time was one of the
 * keys) and finally {@code run_id ASC} break ties. No clauses give MLflow's default
 * {@code start_time DESC, run_id ASC}.
 */
public final class RunOrder {
    private static final RunOrder DEFAULT = new RunOrder(List.of());

    private final List<OrderKey> keys;
    private final SqlFragment orderBy;

    private RunOrder(List<OrderKey> keys) {
        this.keys = List.copyOf(keys);
        this.orderBy = OrderTranslator.translate(this.keys);
    }

    /** MLflow's default order: newest start time first, then run id. */
    public static RunOrder defaultOrder() {
        return DEFAULT;
    }

    /**
     * Parses the clauses, most significant first; null or empty gives the default order.
     *
     * @throws FilterSyntaxException for a clause that cannot be read (its expression is that
     *     clause), an unknown attribute, a dataset key, or a key named twice
     */
    public static RunOrder parse(List<String> orderBy) throws FilterSyntaxException {
        if (orderBy == null || orderBy.isEmpty()) {
            return DEFAULT;
        }
        List<OrderKey> keys = new ArrayList<>();
        for (String clause : orderBy) {
            OrderKey key = OrderKeyParser.parse(clause);
            for (OrderKey earlier : keys) {
                if (earlier.field().entity() == key.field().entity() && earlier.field().key().equals(key.field().key())) {
                    int at = clause.length() - clause.stripLeading().length();
                    throw new FilterSyntaxException(clause, at, "'" + key.field().text() + "' is already in the order");
                }
            }
            keys.add(key);
        }
        return new RunOrder(keys);
    }

    /** The keys ordered by, most significant first. */
    public List<NamedKey> namedKeys() {
        return keys.stream().map(k -> NamedKey.of(k.field())).toList();
    }

    /** The ORDER BY list over {@code runs r} (without the words ORDER BY) and its parameters. */
    public SqlFragment orderBy() {
        return orderBy;
    }

    /**
     * The order taken apart when its first key is a metric (see {@link MetricLead}); empty
     * otherwise. Listing the first rows of such an order from the metric's index avoids sorting
     * every run, which is what makes a sorted page fast on a large cache.
     */
    public Optional<MetricLead> metricLead() {
        if (keys.isEmpty() || keys.get(0).field().entity() != Entity.METRIC) {
            return Optional.empty();
        }
        OrderKey first = keys.get(0);
        return Optional.of(new MetricLead(first.field().key(), first.ascending(),
                OrderTranslator.translate(keys.subList(1, keys.size()))));
    }

    /**
     * The order taken apart when its first key is a param or tag (see {@link ValueLead}); empty
     * otherwise. Like {@link #metricLead()}, it lets a page be read from the key's (key, value)
     * index in order.
     */
    public Optional<ValueLead> valueLead() {
        if (keys.isEmpty() || (keys.get(0).field().entity() != Entity.PARAM && keys.get(0).field().entity() != Entity.TAG)) {
            return Optional.empty();
        }
        OrderKey first = keys.get(0);
        String table = first.field().entity() == Entity.PARAM ? "run_params" : "run_tags";
        return Optional.of(new ValueLead(table, first.field().key(), first.ascending(),
                OrderTranslator.translate(keys.subList(1, keys.size()))));
    }

    List<OrderKey> keys() {
        return keys;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunOrder o && o.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys);
    }

    @Override
    public String toString() {
        return "RunOrder" + keys;
    }
}
