package dev.braid.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one part of Braid keeps for a source of one kind beyond the rows the cascading keys of
 * {@code sources} remove anyway: lineage edges the source asserted (keyed by its name, not its id),
 * files under the data folder (a clone, fetched artifacts), and names derived from the source's
 * name. {@link SourceManager} calls every cleanup registered for a source's kind inside the one
 * transaction that removes or renames the source.
 *
 * <p>To plug in a new kind of source (a CI system, a feature registry...): implement this for the
 * kind, or use a ready one (lineage edges asserted as {@code "<prefix>:<source name>"} are covered
 * by {@code dev.braid.lineage.LineageCleanup}), and add it to the list {@code AppContext} hands to
 * {@link SourceManager}. Tables whose rows reference {@code sources(id) ON DELETE CASCADE} need
 * nothing here.
 */
public interface SourceCleanup {
    /** The {@link Source#kind()} this cleanup is for. */
    String kind();

    /**
     * What removing {@code source} takes away, one phrase each ("1,204 commits", "312 lineage
     * edges"), read inside the caller's transaction, for the confirmation and the report. Nothing
     * when this part holds nothing for it.
     */
    default List<String> cached(Connection c, Source source) throws SQLException {
        return List.of();
    }

    /**
     * Deletes what this part keeps for {@code source}, inside the removal's transaction, before
     * the source's row goes.
     */
    void remove(Connection c, Source source) throws SQLException;

    /**
     * Files and folders under Braid's data folder that belong to {@code source} alone (a clone, its
     * fetched artifacts), deleted once the removal has committed.
     */
    default List<Path> ownedFiles(Source source) {
        return List.of();
    }

    /**
     * {@code before} is being renamed to {@code after.name()}, inside the rename's transaction:
     * move or re-derive whatever is keyed by the old name.
     */
    default void renamed(Connection c, Source before, Source after) throws SQLException {
    }
}
