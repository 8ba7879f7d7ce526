package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunQuery;
import dev.braid.experiments.RunSummary;
import dev.braid.ui.TaskRunner;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runs of one query read a page at a time as the table scrolls towards the end of what is
 * loaded, with the number of runs the query matches in all. Filtering and sorting stay in the
 * cache: a new query starts over from its first page. The rows of the previous query stay until
 * the new query's first page arrives, so a query the cache rejects leaves them in place. One page
 * is read at a time; answers to an older query are dropped.
 */
final class RunPager {
    private final ExperimentService service;
    private final TaskRunner runner;
    private final int pageSize;
    private final ObservableList<RunSummary> items = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
    private RunQuery query;
    private boolean complete = true;
    private long generation;
    private Runnable onPage = () -> { };

    RunPager(ExperimentService service, TaskRunner runner, int pageSize) {
        this.service = service;
        this.runner = runner;
        this.pageSize = pageSize;
    }

    /** The runs loaded so far, in the query's order. */
    ObservableList<RunSummary> items() {
        return items;
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** How many runs the current query matches, loaded or not. */
    ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** True once every run the query matches is loaded. */
    boolean complete() {
        return complete;
    }

    /** The query whose runs are shown; null before the first has been read. */
    RunQuery query() {
        return query;
    }

    /** Called after each page has been added to {@link #items()}. */
    void setOnPage(Runnable onPage) {
        this.onPage = onPage;
    }

    /**
     * Starts over with {@code next}: reads its first page and count, then replaces the rows and
     * calls {@code done}; on failure the rows stay and {@code failed} is told why.
     */
    void reset(RunQuery next, Runnable done, Consumer<Throwable> failed) {
        long asked = ++generation;
        loading.set(true);
        runner.run(() -> new FirstPage(service.runs(next.page(0, pageSize)), service.countRuns(next)), first -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            query = next;
            complete = first.runs().size() < pageSize;
            total.set(first.total());
            items.setAll(first.runs());
            done.run();
            onPage.run();
        }, failure -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            failed.accept(failure);
        });
    }

    private record FirstPage(List<RunSummary> runs, long total) {
    }

    /** The most rows a reload reads again at once; beyond them it starts over from the first page. */
    static final int MAX_RELOAD = 5_000;

    /**
     * Reads the same query again (a sync changed the cache) as far as it was loaded, in one read,
     * and updates the rows in place: the table keeps its scroll position and selection, and the
     * person's filter and order stay as they were. A query never read starts with its first page.
     */
    void reload(Runnable done, Consumer<Throwable> failed) {
        RunQuery current = query;
        if (current == null) {
            return;
        }
        long asked = ++generation;
        int wanted = Math.min(MAX_RELOAD, Math.max(pageSize, items.size()));
        loading.set(true);
        runner.run(() -> new FirstPage(service.runs(current.page(0, wanted)), service.countRuns(current)), page -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            complete = page.runs().size() < wanted;
            total.set(page.total());
            dev.braid.ui.ListUpdates.update(items, page.runs(), RunSummary::runPk);
            if (items.size() > page.runs().size()) {
                items.remove(page.runs().size(), items.size());
            }
            done.run();
            onPage.run();
        }, failure -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            failed.accept(failure);
        });
    }

    /** Reads the next page if row {@code index} of {@code shown} rows is within half a page of the end. */
    void ensureLoaded(int index, int shown) {
        if (index >= shown - pageSize / 2) {
            loadNextPage();
        }
    }

    void loadNextPage() {
        if (loading.get() || complete || query == null) {
            return;
        }
        long asked = generation;
        RunQuery current = query.page(items.size(), pageSize);
        loading.set(true);
        runner.run(() -> service.runs(current), page -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            complete = page.size() < pageSize;
            items.addAll(page);
            onPage.run();
        }, failure -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            complete = true;
            onPage.run();
        });
    }
}
