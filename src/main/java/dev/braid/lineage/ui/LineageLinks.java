package dev.braid.lineage.ui;

import dev.braid.lineage.LineageNode;
import java.util.Optional;

/**
 * How a node in the explorer opens in another screen: a commit in the Repositories view, an
 * MLflow run in the Experiments view. Implemented by the shell, so the explorer never holds
 * another view.
 */
public interface LineageLinks {
    /**
     * Looks up (off the UI thread; it may read the cache) where {@code node} can be shown and
     * returns the action that shows it, to be run on the UI thread; empty when no screen has it.
     */
    Optional<Runnable> opener(LineageNode node);

    /** No other screens: nothing opens. */
    LineageLinks NONE = node -> Optional.empty();
}
