/**
 * MLflow's run search language ({@code search_runs} filters and {@code order_by} clauses),
 * evaluated by SQLite on Braid's cache. {@link dev.braid.experiments.filter.RunFilter} and
 * {@link dev.braid.experiments.filter.RunOrder} parse; both hand back parameterised SQL over
 * {@code runs r}.
 *
 * <p>The semantics follow MLflow's SQL store on SQLite (checked against a real tracking server
 * by {@code RunFilterAgainstMlflowTest}):
 * <ul>
 * <li>Keys: {@code metrics.}/{@code metric.}, {@code params.}/{@code param.}/{@code parameter(s).},
 * {@code tags.}/{@code tag.}, {@code attributes.}/{@code attribute.}/{@code attr.}/{@code run.}, and
 * {@code datasets.}/{@code dataset.} ({@code name}, {@code digest}, {@code context}); a key without
 * a prefix is an attribute. Attributes: run_id, run_name, user_id, status, artifact_uri,
 * start_time, end_time, plus "created"/"Created" for start_time and, in filters only,
 * "run name"/"Run name"/"Run Name" for run_name. Names may be quoted in backticks or double quotes.</li>
 * <li>Operators: metrics and times {@code = != < <= > >=} with a number; params and tags
 * {@code = != LIKE ILIKE} with a quoted string, and {@code IS [NOT] NULL}; string attributes
 * {@code = != LIKE ILIKE}, run_id also {@code IN}/{@code NOT IN}; datasets
 * {@code = != LIKE ILIKE IN NOT IN}. Braid adds OR and parentheses; AND binds tighter.</li>
 * <li>A run without the metric, param, tag or dataset never matches a clause on it, {@code !=}
 * included; a missing end_time never matches either. A NaN metric (a NULL value in the cache)
 * matches only {@code !=}.</li>
 * <li>{@code =}, {@code !=} and LIKE compare case-sensitively; ILIKE folds ASCII case. {@code %}
 * and {@code _} are the only wildcards; there is no escape character.</li>
 * <li>{@code attributes.run_name} filters on the {@code mlflow.runName} tag (as MLflow does), but
 * orders by the run_name column.</li>
 * <li>Order: missing values last in either direction; for metrics, NaN after numbers and before
 * missing; then start_time DESC unless ordered by start_time; then run_id ASC.</li>
 * </ul>
 * Known difference: MLflow ignores an AND with nothing after it; Braid reports it.
 */
package dev.braid.experiments.filter;
