package dev.braid.shell;

import dev.braid.sync.PlainErrors;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window-wide search (Ctrl+K): every registered {@link SearchProvider} is asked, and their
 * results are listed grouped under each kind's heading, in the order the providers were
 * registered. A kind that fails says so under its heading; the others still answer. Answers to an
 * older query that arrive late are dropped; "no results" is said plainly.
 */
public final class SearchViewModel {
    /** At most this many results per kind. */
    static final int PER_KIND = 8;
    private final TaskRunner runner;
    private final List<SearchProvider> providers = new ArrayList<>();
    private final ObservableList<SearchRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SearchRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private long generation;

    public SearchViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    /** Adds a kind of thing to search, listed after those registered before it. */
    public SearchViewModel register(SearchProvider provider) {
        providers.add(provider);
        return this;
    }

    /** Headings and results, in order. */
    public ObservableList<SearchRow> rows() {
        return readOnlyRows;
    }

    /** "12 results", "No results for “x”", or "" with no query. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public void search(String text) {
        long asked = ++generation;
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            rows.clear();
            status.set("");
            searching.set(false);
            return;
        }
        searching.set(true);
        List<SearchProvider> asking = List.copyOf(providers);
        runner.run(() -> find(asking, query), found -> {
            if (asked == generation) {
                searching.set(false);
                rows.setAll(found);
                long hits = found.stream().filter(r -> !r.isHeading()).count();
                status.set(hits == 0 ? "No results for “" + query + "”" : hits == 1 ? "1 result" : hits + " results");
            }
        }, failure -> {
            if (asked == generation) {
                searching.set(false);
                rows.clear();
                status.set("Search failed: " + PlainErrors.describe(failure));
            }
        });
    }

    /** Shows what {@code row} found, and clears the results. Headings do nothing. */
    public void choose(SearchRow row) {
        if (row == null || row.isHeading()) {
            return;
        }
        generation++;
        rows.clear();
        status.set("");
        row.result().open().run();
    }

    /** The first result, for Enter in the search box; null when there is none. */
    public SearchRow first() {
        return rows.stream().filter(r -> !r.isHeading()).findFirst().orElse(null);
    }

    private static List<SearchRow> find(List<SearchProvider> providers, String query) {
        List<SearchRow> out = new ArrayList<>();
        for (SearchProvider provider : providers) {
            List<SearchResult> found;
            try {
                found = provider.find(query, PER_KIND);
            } catch (Exception e) {
                out.add(SearchRow.heading(provider.title() + ": could not search (" + PlainErrors.describe(e) + ")"));
                continue;
            }
            if (!found.isEmpty()) {
                out.add(SearchRow.heading(provider.title()));
                found.forEach(r -> out.add(SearchRow.of(r)));
            }
        }
        return out;
    }
}
