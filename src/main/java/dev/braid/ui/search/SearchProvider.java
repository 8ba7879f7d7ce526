package dev.braid.ui.search;

import java.util.List;

/**
 * One kind of thing the window-wide search (Ctrl+K) finds: repositories, commits, runs, models,
 * datasets... Its results are listed under {@link #title()}, in the order providers were
 * registered.
 *
 * <h2>Adding a kind</h2>
 * Implement this next to your feature's view (for example {@code pipelines/ui/PipelineRunSearch}):
 * {@link #find} asks your service (it runs in the background and must not touch JavaFX) and
 * returns results whose {@code open} shows them in your view; then register it in
 * {@code shell/Workbench} with one line, {@code search.register(new PipelineRunSearch(...))}.
 */
public interface SearchProvider {
    /** The heading of its results: "Repositories", "Runs", "Pipeline runs"... */
    String title();

    /** Up to {@code limit} results for {@code query} (never blank), best first. Runs in the background. */
    List<SearchResult> find(String query, int limit) throws Exception;
}
