package dev.braid.repos;

import dev.braid.sync.Source;
import java.io.IOException;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * Work that reads a repository right after a successful sync indexed it, while the sync still
 * holds it open (for example the DVC lineage, ADR 9). Reusing the open repository matters: opening
 * it again reloads the pack indexes, which for a large history costs more than the work itself.
 * A failure here is logged and never fails the sync.
 */
@FunctionalInterface
public interface AfterIndex {
    /** Does nothing. */
    AfterIndex NONE = (source, repository, location, tips) -> { };

    /**
     * @param location the repository's remote URL, else its folder (as {@link RepoSummary#location()})
     * @param tips     the commits the repository's refs point at, as indexed
     */
    void indexed(Source source, Repository repository, String location, Set<String> tips) throws IOException;
}
