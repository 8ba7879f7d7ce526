package dev.braid.shell;

import dev.braid.experiments.ui.CommitLinks;
import dev.braid.repos.ChangedFile;
import dev.braid.repos.CommitHit;
import dev.braid.repos.FileDiff;
import dev.braid.repos.RepoException;
import dev.braid.repos.RepositoryService;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Runs' commits as the indexed repositories know them: the global search's hash lookup finds the
 * repository holding a commit, the repository service diffs two commits, and {@code opener} shows
 * a commit in the Repositories view.
 */
public final class RepositoryCommitLinks implements CommitLinks {
    private final RepositoryService repositories;
    private final BiConsumer<Long, String> opener;

    public RepositoryCommitLinks(RepositoryService repositories, BiConsumer<Long, String> opener) {
        this.repositories = repositories;
        this.opener = opener;
    }

    @Override
    public Optional<Long> repositoryFor(String hash) {
        return repositories.search(hash, 1).stream()
                .filter(hit -> hit.commit().hash().startsWith(hash)).map(CommitHit::repoId).findFirst();
    }

    @Override
    public void open(long repoId, String hash) {
        opener.accept(repoId, hash);
    }

    @Override
    public List<ChangedFile> changedFiles(long repoId, String from, String to) throws RepoException {
        return repositories.changedFilesBetween(repoId, from, to);
    }

    @Override
    public FileDiff diff(long repoId, String from, String to, String path) throws RepoException {
        return repositories.diffBetween(repoId, from, to, path);
    }
}
