package dev.braid.shell;

import dev.braid.repos.CommitHit;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The toolbar's search across every repository: repositories by name, commits by subject, author
 * or hash prefix. Answers to an older query that arrive late are dropped.
 */
public final class SearchViewModel {
    static final int COMMIT_LIMIT = 50;
    private final RepositoryService repositories;
    private final Navigator navigator;
    private final TaskRunner runner;
    private final ObservableList<SearchHit> hits = FXCollections.observableArrayList();
    private final ObservableList<SearchHit> readOnlyHits = FXCollections.unmodifiableObservableList(hits);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private long generation;

    public SearchViewModel(RepositoryService repositories, Navigator navigator, TaskRunner runner) {
        this.repositories = repositories;
        this.navigator = navigator;
        this.runner = runner;
    }

    public ObservableList<SearchHit> hits() {
        return readOnlyHits;
    }

    /** "3 results", "No matches", or a failure. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void search(String text) {
        long asked = ++generation;
        String query = text == null ? "" : text.trim();
        if (query.isEmpty()) {
            hits.clear();
            status.set("");
            return;
        }
        runner.run(() -> find(query), found -> {
            if (asked == generation) {
                hits.setAll(found);
                status.set(found.isEmpty() ? "No matches for “" + query + "”" : found.size() + " results");
            }
        }, failure -> {
            if (asked == generation) {
                hits.clear();
                status.set("Search failed: " + failure.getMessage());
            }
        });
    }

    /** Opens a hit in the Repositories view and clears the results. */
    public void choose(SearchHit hit) {
        generation++;
        hits.clear();
        status.set("");
        navigator.openRepository(hit.repoId(), hit.hash());
    }

    private List<SearchHit> find(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        List<SearchHit> out = new ArrayList<>();
        for (RepoSummary repo : repositories.list()) {
            if (repo.name().toLowerCase(Locale.ROOT).contains(lower)) {
                out.add(new SearchHit(repo.sourceId(), null, repo.name(), "repository · " + repo.location()));
            }
        }
        for (CommitHit hit : repositories.search(query, COMMIT_LIMIT)) {
            out.add(new SearchHit(hit.repoId(), hit.commit().hash(), hit.commit().subject(),
                    hit.repoName() + " · " + hit.commit().shortHash() + " · " + hit.commit().authorName()));
        }
        return out;
    }
}
