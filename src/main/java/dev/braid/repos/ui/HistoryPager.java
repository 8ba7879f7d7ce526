package dev.braid.repos.ui;

import dev.braid.repos.CommitRow;
import dev.braid.repos.GitRef;
import dev.braid.repos.HistoryQuery;
import dev.braid.repos.RepositoryService;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Reads a repository's history a page at a time, as the table scrolls towards the end of what is
 * loaded, and lays out the graph for each page as it arrives. Only one page is read at a time, so
 * the lane layout sees the rows in order; a new query drops answers to the old one.
 */
final class HistoryPager {
    private final RepositoryService repositories;
    private final TaskRunner runner;
    private final int pageSize;
    private final ObservableList<HistoryItem> items = FXCollections.observableArrayList();
    private final ObservableList<HistoryItem> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(this, "complete", true);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private HistoryQuery query;
    private Map<String, List<GitRef>> labels = Map.of();
    private LaneLayout layout;
    private long generation;
    private Runnable onPage = () -> { };

    HistoryPager(RepositoryService repositories, TaskRunner runner, int pageSize) {
        this.repositories = repositories;
        this.runner = runner;
        this.pageSize = pageSize;
    }

    ObservableList<HistoryItem> items() {
        return readOnlyItems;
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True once the last page has been read (or there is nothing to read). */
    ReadOnlyBooleanProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Called after each page has been added to {@link #items()}. */
    void setOnPage(Runnable onPage) {
        this.onPage = onPage;
    }

    /** Starts over with {@code next} (null shows nothing), labelling commits with {@code refsByCommit}. */
    void reset(HistoryQuery next, Map<String, List<GitRef>> refsByCommit) {
        generation++;
        query = next;
        labels = refsByCommit;
        layout = new LaneLayout();
        items.clear();
        error.set("");
        loading.set(false);
        complete.set(next == null);
        if (next != null) {
            loadNextPage();
        }
    }

    /** Reads the next page if row {@code index} is within half a page of the end of what is loaded. */
    void ensureLoaded(int index) {
        if (index >= items.size() - pageSize / 2) {
            loadNextPage();
        }
    }

    void loadNextPage() {
        if (loading.get() || complete.get() || query == null) {
            return;
        }
        long asked = generation;
        HistoryQuery current = query;
        LaneLayout currentLayout = layout;
        Map<String, List<GitRef>> currentLabels = labels;
        int offset = items.size();
        loading.set(true);
        runner.run(() -> {
            List<CommitRow> rows = repositories.history(current, offset, pageSize);
            List<GraphRow> graph = currentLayout.next(rows);
            List<HistoryItem> page = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                page.add(new HistoryItem(rows.get(i), graph.get(i), currentLabels.getOrDefault(rows.get(i).hash(), List.of())));
            }
            return page;
        }, page -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            items.addAll(page);
            if (page.size() < pageSize) {
                complete.set(true);
            }
            onPage.run();
        }, failure -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            complete.set(true);
            error.set("Could not read the history: " + dev.braid.sync.PlainErrors.describe(failure));
        });
    }
}
