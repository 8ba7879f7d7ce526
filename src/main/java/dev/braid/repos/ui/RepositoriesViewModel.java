package dev.braid.repos.ui;

import dev.braid.repos.GitRef;
import dev.braid.repos.HistoryQuery;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.ui.TaskRunner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Repositories screen: the list of repositories, the history of the selected one (filtered by
 * ref and text, read page by page), and the selected commit.
 */
public final class RepositoriesViewModel {
    static final int PAGE_SIZE = 200;
    /** How far down the history to read when asked to show a commit that is not loaded yet. */
    static final int MAX_PAGES_TO_FIND_A_COMMIT = 50;
    private final RepositoryService repositories;
    private final TaskRunner runner;
    private final HistoryPager pager;
    private final CommitDetailViewModel detail;
    private final ObservableList<RepoSummary> repos = FXCollections.observableArrayList();
    private final ObservableList<RepoSummary> readOnlyRepos = FXCollections.unmodifiableObservableList(repos);
    private final ObservableList<GitRef> refs = FXCollections.observableArrayList();
    private final ObservableList<GitRef> readOnlyRefs = FXCollections.unmodifiableObservableList(refs);
    private final ReadOnlyObjectWrapper<RepoSummary> selectedRepo = new ReadOnlyObjectWrapper<>(this, "selectedRepo");
    private final ReadOnlyObjectWrapper<GitRef> refFilter = new ReadOnlyObjectWrapper<>(this, "refFilter");
    private final ReadOnlyStringWrapper textFilter = new ReadOnlyStringWrapper(this, "textFilter", "");
    private final ReadOnlyObjectWrapper<HistoryItem> selectedCommit = new ReadOnlyObjectWrapper<>(this, "selectedCommit");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final javafx.beans.property.ReadOnlyBooleanWrapper loaded = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "loaded");
    private Runnable sourceAdder = () -> { };
    private Long pendingRepoId;
    private String pendingHash;
    private int pagesSearched;

    public RepositoriesViewModel(RepositoryService repositories, TaskRunner runner) {
        this.repositories = repositories;
        this.runner = runner;
        this.pager = new HistoryPager(repositories, runner, PAGE_SIZE);
        this.detail = new CommitDetailViewModel(repositories, runner);
        pager.setOnPage(this::lookForPendingCommit);
        pager.errorProperty().addListener((obs, old, now) -> status.set(now));
    }

    public ObservableList<RepoSummary> repositories() {
        return readOnlyRepos;
    }

    public ObservableList<GitRef> refs() {
        return readOnlyRefs;
    }

    public ObservableList<HistoryItem> history() {
        return pager.items();
    }

    public CommitDetailViewModel detail() {
        return detail;
    }

    public ReadOnlyObjectProperty<RepoSummary> selectedRepositoryProperty() {
        return selectedRepo.getReadOnlyProperty();
    }

    /** The ref whose history is shown; null for every branch. */
    public ReadOnlyObjectProperty<GitRef> refFilterProperty() {
        return refFilter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textFilterProperty() {
        return textFilter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HistoryItem> selectedCommitProperty() {
        return selectedCommit.getReadOnlyProperty();
    }

    /** True while a page of history is being read; the table says so instead of "no commits". */
    public javafx.beans.property.ReadOnlyBooleanProperty historyLoadingProperty() {
        return pager.loadingProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public boolean historyComplete() {
        return pager.completeProperty().get();
    }

    /** Reads the repository list again, keeping the selection; reloads history if the repository changed. */
    public void refresh() {
        runner.run(repositories::list, this::showRepositories,
                failure -> status.set("Could not read the repositories: " + dev.braid.sync.PlainErrors.describe(failure)));
    }

    /** False until the repositories were read once: before that, "none" is not known yet. */
    public javafx.beans.property.ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** How the empty state opens the Add-source dialog on git repositories. */
    public void setSourceAdder(Runnable adder) {
        this.sourceAdder = adder;
    }

    public void addSource() {
        sourceAdder.run();
    }

    public void selectRepository(RepoSummary repo) {
        RepoSummary previous = selectedRepo.get();
        if (repo != null && previous != null && repo.sourceId() == previous.sourceId()) {
            // The same repository, read again (after a sync): its filters, commit and detail stay.
            if (!repo.equals(previous)) {
                selectedRepo.set(repo);
            }
            return;
        }
        selectedRepo.set(repo);
        refFilter.set(null);
        textFilter.set("");
        refs.clear();
        detail.clear();
        selectedCommit.set(null);
        if (repo == null) {
            pager.reset(null, Map.of());
            status.set(repos.isEmpty() ? "No repositories yet. Use Add source to add one." : "");
            return;
        }
        status.set(repo.health().description() + (repo.healthNote() == null ? "" : ": " + repo.healthNote()));
        reloadHistory();
    }

    public void filterByRef(GitRef ref) {
        if (!Objects.equals(ref, refFilter.get())) {
            refFilter.set(ref);
            reloadHistory();
        }
    }

    public void filterByText(String text) {
        String value = text == null ? "" : text.trim();
        if (!value.equals(textFilter.get())) {
            textFilter.set(value);
            reloadHistory();
        }
    }

    /** The table scrolled so that row {@code index} is visible: read further if it is near the end. */
    public void rowShown(int index) {
        pager.ensureLoaded(index);
    }

    public void selectCommit(HistoryItem item) {
        selectedCommit.set(item);
        RepoSummary repo = selectedRepo.get();
        if (item == null || repo == null) {
            return;
        }
        if (pendingHash != null && pendingRepoId == null) {
            // A sync is re-reading the history to find the commit chosen before it began: the one
            // chosen now is the one to find, or the new pages would take the choice back.
            pendingHash = item.commit().hash();
        }
        detail.show(repo.sourceId(), item.commit().hash());
    }

    /** Shows a repository and, when {@code hash} is not null, that commit in it (a search hit, a parent link). */
    public void open(long repoId, String hash) {
        pendingRepoId = repoId;
        pendingHash = hash;
        pagesSearched = 0;
        RepoSummary current = selectedRepo.get();
        if (current != null && current.sourceId() == repoId) {
            openPending();
        } else {
            refresh();
        }
    }

    private void showRepositories(List<RepoSummary> fresh) {
        RepoSummary previous = selectedRepo.get();
        long wanted = pendingRepoId != null ? pendingRepoId : previous != null ? previous.sourceId() : -1;
        RepoSummary match = fresh.stream().filter(r -> r.sourceId() == wanted).findFirst()
                .orElse(fresh.isEmpty() ? null : fresh.get(0));
        if (match != null && previous != null && match.sourceId() == previous.sourceId()) {
            // A sync refreshed the selected repository: the branch and text filters, the selected
            // commit and its detail stay; new history is read under the same filters.
            selectedRepo.set(match);
            dev.braid.ui.ListUpdates.update(repos, fresh, RepoSummary::sourceId);
            if (match.commitCount() != previous.commitCount() || !Objects.equals(match.headCommit(), previous.headCommit())) {
                HistoryItem shown = selectedCommit.get();
                pendingHash = shown == null ? null : shown.commit().hash();
                pagesSearched = 0;
                reloadHistory();
            }
        } else {
            dev.braid.ui.ListUpdates.update(repos, fresh, RepoSummary::sourceId);
            selectRepository(match);
        }
        loaded.set(true);
        openPending();
    }

    private void openPending() {
        RepoSummary repo = selectedRepo.get();
        if (pendingRepoId == null || repo == null || repo.sourceId() != pendingRepoId) {
            return;
        }
        pendingRepoId = null;
        if (pendingHash != null) {
            detail.show(repo.sourceId(), pendingHash);
            lookForPendingCommit();
        }
    }

    private void lookForPendingCommit() {
        if (pendingHash == null && selectedCommit.get() == null && !pager.items().isEmpty()) {
            selectCommit(pager.items().get(0));
            return;
        }
        if (pendingHash == null || pendingRepoId != null) {
            return;
        }
        for (HistoryItem item : pager.items()) {
            if (item.commit().hash().startsWith(pendingHash)) {
                pendingHash = null;
                selectedCommit.set(item);
                return;
            }
        }
        if (!pager.completeProperty().get() && pagesSearched++ < MAX_PAGES_TO_FIND_A_COMMIT) {
            pager.loadNextPage();
        }
    }

    private void reloadHistory() {
        RepoSummary repo = selectedRepo.get();
        if (repo == null) {
            return;
        }
        if (pendingHash == null) {
            selectedCommit.set(null);
        }
        // else a sync is re-reading the history: the selected commit (and its detail) stays chosen
        // until the same commit is found in the new pages, so the selection never blinks away.
        long repoId = repo.sourceId();
        GitRef ref = refFilter.get();
        String text = textFilter.get().isEmpty() ? null : textFilter.get();
        runner.run(() -> repositories.refs(repoId), found -> {
            RepoSummary still = selectedRepo.get();
            if (still == null || still.sourceId() != repoId) {
                return;
            }
            if (!found.equals(refs)) {
                refs.setAll(found);
            }
            Map<String, List<GitRef>> byCommit = found.stream().filter(r -> r.target() != null)
                    .collect(Collectors.groupingBy(GitRef::target));
            pager.reset(new HistoryQuery(repoId, ref == null ? null : ref.name(), text), byCommit);
        }, failure -> status.set("Could not read the branches: " + dev.braid.sync.PlainErrors.describe(failure)));
    }
}
