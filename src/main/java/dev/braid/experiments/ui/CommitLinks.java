package dev.braid.experiments.ui;

import java.util.Optional;

/**
 * How a run's source commit becomes a link: finding the indexed repository that holds a commit
 * (a cache read, run off the UI thread) and asking the window to show it there.
 */
public interface CommitLinks {
    /** The repository id holding the commit with this hash (or hash prefix), if one is indexed. */
    Optional<Long> repositoryFor(String hash);

    /** Shows the commit in the Repositories view; called on the UI thread. */
    void open(long repoId, String hash);

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
