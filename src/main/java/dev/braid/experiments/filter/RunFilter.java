package dev.braid.experiments.filter;

import java.util.Objects;

/**
 * A run filter in MLflow's {@code search_runs} syntax, evaluated on the local cache. Accepts what
 * MLflow accepts ({@code metrics.rmse < 0.5 and params.model = 'xgb' and tags.team LIKE 'ml-%'
 * and attributes.status = 'FINISHED' and datasets.digest IN ('a1', 'b2')}, backticked or
 * double-quoted keys) plus Braid's {@code OR} and parentheses, where AND binds tighter than OR.
 * Immutable.
 *
 * <pre>{@code
 * RunFilter filter = RunFilter.parse("metrics.rmse < 0.5 OR tags.team = 'ml'");
 * SqlFragment where = filter.where();   // bind where.parameters() in order
 * String sql = "SELECT r.run_id FROM runs r WHERE " + where.sql();
 * }</pre>
 */
public final class RunFilter {
    private final String expression;
    private final FilterNode root;
    private final SqlFragment where;
    private final SqlFragment perRun;
    private final SqlFragment runSet;

    private RunFilter(String expression, FilterNode root) {
        this.expression = expression;
        this.root = root;
        this.where = WhereTranslator.translate(root);
        this.perRun = WhereTranslator.translatePerRun(root);
        this.runSet = WhereTranslator.translateToSet(root);
    }

    /**
     * Parses {@code expression}; null or blank means every run.
     *
     * @throws FilterSyntaxException with the position of the first mistake
     */
    public static RunFilter parse(String expression) throws FilterSyntaxException {
        String text = expression == null ? "" : expression;
        return new RunFilter(text, FilterParser.parse(text));
    }

    /** The expression as given ("" for none). */
    public String expression() {
        return expression;
    }

    /** True when the filter keeps every run. */
    public boolean isEmpty() {
        return root instanceof FilterNode.All;
    }

    /** The WHERE condition over {@code runs r} (without the word WHERE) and its parameters. */
    public SqlFragment where() {
        return where;
    }

    /**
     * The same condition as {@link #where()}, tested run by run with a primary-key lookup for each
     * key/value clause: cheaper when runs are walked in an index's order and only the first few
     * that match are wanted, dearer when every run must be tested.
     */
    public SqlFragment perRun() {
        return perRun;
    }

    /**
     * The keys of the runs the filter accepts, as one SELECT of a single column {@code run_pk}
     * (AND as INTERSECT, OR as UNION): cheapest when every run must be tested, as for a count.
     */
    public SqlFragment runSet() {
        return runSet;
    }

    /** The keys the filter compares, each once, in the order written: what someone filtering wants to see. */
    public java.util.List<NamedKey> namedKeys() {
        java.util.LinkedHashSet<NamedKey> out = new java.util.LinkedHashSet<>();
        collect(root, out);
        return java.util.List.copyOf(out);
    }

    private static void collect(FilterNode node, java.util.Set<NamedKey> out) {
        if (node instanceof FilterNode.And and) {
            and.parts().forEach(part -> collect(part, out));
        } else if (node instanceof FilterNode.Or or) {
            or.parts().forEach(part -> collect(part, out));
        } else if (node instanceof FilterNode.Comparison comparison) {
            out.add(NamedKey.of(comparison.field()));
        }
    }

    FilterNode root() {
        return root;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunFilter f && f.root.equals(root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root);
    }

    @Override
    public String toString() {
        return "RunFilter[" + expression + "]";
    }
}
