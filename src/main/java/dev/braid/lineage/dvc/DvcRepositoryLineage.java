package dev.braid.lineage.dvc;

import dev.braid.lineage.LineageService;
import dev.braid.repos.GitRef;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Derives an indexed repository's DVC lineage again after it synced: its whole DVC history, read
 * from the refs the index holds, replaces what the repository asserted before (in one
 * transaction), so rewritten history and deleted branches drop their stage runs too. Repositories
 * without a {@code .dvc} folder cost one lookup per ref.
 */
public final class DvcRepositoryLineage {
    private final RepositoryService repositories;
    private final LineageService lineage;

    public DvcRepositoryLineage(RepositoryService repositories, LineageService lineage) {
        this.repositories = repositories;
        this.lineage = lineage;
    }

    /** The source name DVC edges of {@code source} are recorded under. */
    public static String assertedBy(Source source) {
        return "dvc:" + source.name();
    }

    /** Rebuilds the DVC lineage of the repository {@code source}; returns how many edges it now asserts. */
    public int rebuild(Source source) throws IOException {
        Optional<RepoSummary> found = repositories.find(source.id());
        if (found.isEmpty()) {
            return 0;
        }
        RepoSummary repo = found.get();
        Set<String> tips = new LinkedHashSet<>();
        for (GitRef ref : repositories.refs(repo.sourceId())) {
            if (ref.target() != null) {
                tips.add(ref.target());
            }
        }
        List<DvcCommit> history;
        try (Repository git = open(Path.of(repo.path()))) {
            history = new DvcHistory(git).read(tips);
        }
        var changes = DvcLineage.of(repo.location(), assertedBy(source), history);
        lineage.replace(assertedBy(source), changes);
        return changes.edges().size();
    }

    private static Repository open(Path path) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (path.resolve(".git").toFile().exists()) {
            builder.setWorkTree(path.toFile());
        } else {
            builder.setGitDir(path.toFile());
        }
        return builder.build();
    }
}
