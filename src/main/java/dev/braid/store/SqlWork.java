package dev.braid.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work against one connection; may throw {@link SQLException}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
