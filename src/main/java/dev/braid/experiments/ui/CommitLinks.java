package dev.braid.experiments.ui;

import dev.braid.repos.ChangedFile;
import dev.braid.repos.FileDiff;
import java.util.List;
import java.util.Optional;

/**
 * How a run's source commit becomes a link: finding the indexed repository that holds a commit
 * (a cache read, run off the UI thread) and asking the window to show it there; and, for comparing
 * runs, the code that changed between two commits of one repository.
 */
public interface CommitLinks {
    /** The repository id holding the commit with this hash (or hash prefix), if one is indexed. */
    Optional<Long> repositoryFor(String hash);

    /** Shows the commit in the Repositories view; called on the UI thread. */
    void open(long repoId, String hash);

    /**
     * The files that differ from commit {@code from} to commit {@code to} in repository
     * {@code repoId}; reads the repository, so run it off the UI thread.
     */
    default List<ChangedFile> changedFiles(long repoId, String from, String to) throws Exception {
        throw new UnsupportedOperationException("No repositories to compare commits in");
    }

    /** The diff of one file from commit {@code from} to commit {@code to}; off the UI thread. */
    default FileDiff diff(long repoId, String from, String to, String path) throws Exception {
        throw new UnsupportedOperationException("No repositories to compare commits in");
    }

    /** For screens without repositories: no commit is ever found. */
    CommitLinks NONE = new CommitLinks() {
        @Override
        public Optional<Long> repositoryFor(String hash) {
            return Optional.empty();
        }

        @Override
        public void open(long repoId, String hash) {
        }
    };
}
