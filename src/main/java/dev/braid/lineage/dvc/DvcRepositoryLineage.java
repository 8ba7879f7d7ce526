package dev.braid.lineage.dvc;

import dev.braid.lineage.LineageService;
import dev.braid.repos.AfterIndex;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * Derives an indexed repository's DVC lineage again after it synced: its whole DVC history, read
 * from the tips the sync indexed, replaces what the repository asserted before (in one
 * transaction), so rewritten history and deleted branches drop their stage runs too. Files it
 * cannot read are reported as the sync's warnings, once each, and skipped. Then the MLflow runs
 * that ran at its commits are joined to the data those commits recorded ({@link DvcRunInputs}). It reads the
 * repository the sync still has open; repositories without a {@code .dvc} folder cost one tree
 * lookup per tip.
 */
public final class DvcRepositoryLineage implements AfterIndex {
    private final LineageService lineage;

    public DvcRepositoryLineage(LineageService lineage) {
        this.lineage = lineage;
    }

    /** The source name DVC edges of {@code source} are recorded under. */
    public static String assertedBy(Source source) {
        return "dvc:" + source.name();
    }

    /** Rebuilds the DVC lineage of the repository {@code source}. */
    @Override
    public void indexed(Source source, Repository repository, String location, Set<String> tips, SyncContext context)
            throws IOException {
        List<DvcCommit> history = new DvcHistory(repository).read(tips);
        DvcProblems.of(history).forEach(context::warn);
        lineage.replace(assertedBy(source), DvcLineage.of(location, assertedBy(source), history));
        new DvcRunInputs(lineage).derive(source.id(), source.name(), repository, location);
    }
}
