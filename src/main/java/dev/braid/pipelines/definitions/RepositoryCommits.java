package dev.braid.pipelines.definitions;

import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import java.io.File;
import java.io.IOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Opens an indexed repository's git folder and resolves revisions in it, for services that read
 * files at a commit. Each call opens and closes the repository; nothing is kept between calls.
 */
public final class RepositoryCommits {
    private final RepositoryService repositories;

    public RepositoryCommits(RepositoryService repositories) {
        this.repositories = repositories;
    }

    /** Work on an open repository. */
    @FunctionalInterface
    public interface RepositoryWork<T> {
        T run(Repository repository, RevWalk walk) throws IOException, PipelineReadException;
    }

    /** Work on one commit's files. */
    @FunctionalInterface
    public interface CommitWork<T> {
        T run(Repository repository, RevCommit commit, GitTreeFiles files) throws IOException, PipelineReadException;
    }

    /** The repository with id {@code repoId}, or a clear error when it is unknown. */
    public RepoSummary summary(long repoId) throws PipelineReadException {
        return repositories.find(repoId).orElseThrow(() -> new PipelineReadException("No repository with id " + repoId));
    }

    public <T> T withRepository(long repoId, RepositoryWork<T> work) throws PipelineReadException {
        RepoSummary summary = summary(repoId);
        Git git;
        try {
            git = Git.open(new File(summary.path()));
        } catch (IOException | RuntimeException e) {
            throw new PipelineReadException("The folder of repository " + summary.name() + " (" + summary.path()
                    + ") cannot be opened: " + e.getMessage(), e);
        }
        try (git; RevWalk walk = new RevWalk(git.getRepository())) {
            return work.run(git.getRepository(), walk);
        } catch (IOException e) {
            throw new PipelineReadException("Cannot read repository " + summary.name() + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on the commit {@code rev} names ({@code HEAD} when null or blank). */
    public <T> T withCommit(long repoId, String rev, CommitWork<T> work) throws PipelineReadException {
        return withRepository(repoId, (repository, walk) -> {
            RevCommit commit = resolve(repository, walk, rev);
            try (var reader = repository.newObjectReader()) {
                return work.run(repository, commit, new GitTreeFiles(reader, commit));
            }
        });
    }

    /** The commit {@code rev} names: a hash or prefix, a branch, tag or any revision git understands. */
    public static RevCommit resolve(Repository repository, RevWalk walk, String rev) throws IOException, PipelineReadException {
        String wanted = rev == null || rev.isBlank() ? "HEAD" : rev.strip();
        ObjectId id;
        try {
            id = repository.resolve(wanted + "^{commit}");
        } catch (RevisionSyntaxException | IOException e) {
            throw new PipelineReadException("'" + wanted + "' is not a revision git understands: " + e.getMessage(), e);
        }
        if (id == null) {
            throw new PipelineReadException("No commit '" + wanted + "' in this repository");
        }
        return walk.parseCommit(id);
    }
}
