package dev.braid.repos;

import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * Work that reads a repository right after a successful sync indexed it, while the sync still
 * holds it open (for example the DVC lineage, ADR 9). Reusing the open repository matters: opening
 * it again reloads the pack indexes, which for a large history costs more than the work itself.
 * It also runs when the remote could not be reached: what it derives comes from the local copy.
 * A failure here is logged and never fails the sync; problems it goes past are reported through
 * the context's {@link SyncContext#warn}.
 */
@FunctionalInterface
public interface AfterIndex {
    /** Does nothing. */
    AfterIndex NONE = (source, repository, location, tips, context) -> { };

    /**
     * @param location the repository's remote URL, else its folder (as {@link RepoSummary#location()})
     * @param tips     the commits the repository's refs point at, as indexed
     * @param context  the sync's context: progress, cancellation and warnings
     */
    void indexed(Source source, Repository repository, String location, Set<String> tips, SyncContext context)
            throws IOException;
}
