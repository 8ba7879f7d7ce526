package dev.braid.experiments.filter;

import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL with {@code ?} placeholders and the values to bind to them, in order. The SQL
 * never contains a user-supplied value; it refers to the runs table by the alias {@code r}.
 */
public record SqlFragment(String sql, List<Object> parameters) {
    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
    }
}
