package dev.braid.repos.ui;

import dev.braid.repos.ChangedFile;
import dev.braid.repos.CommitDetail;
import dev.braid.repos.DiffLine;
import dev.braid.repos.FileDiff;
import dev.braid.repos.RepositoryService;
import dev.braid.ui.TaskRunner;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One commit in full: message, author and committer, parents, the files it changed with line
 * counts, and the diff of the file picked (the first one, until the user picks another).
 */
public final class CommitDetailViewModel {
    private final RepositoryService repositories;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<CommitDetail> commit = new ReadOnlyObjectWrapper<>(this, "commit");
    private final ObservableList<ChangedFile> files = FXCollections.observableArrayList();
    private final ObservableList<ChangedFile> readOnlyFiles = FXCollections.unmodifiableObservableList(files);
    private final ReadOnlyObjectWrapper<ChangedFile> selectedFile = new ReadOnlyObjectWrapper<>(this, "selectedFile");
    private final ObservableList<DiffLine> diff = FXCollections.observableArrayList();
    private final ObservableList<DiffLine> readOnlyDiff = FXCollections.unmodifiableObservableList(diff);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "Select a commit to see its changes.");
    private long repoId;
    private java.util.function.Consumer<String> lineageOpener;
    private java.util.function.Function<String, List<LinkedRun>> runsOfCommit;
    private final ObservableList<LinkedRun> runs = FXCollections.observableArrayList();
    private long commitGeneration;
    private long diffGeneration;

    public CommitDetailViewModel(RepositoryService repositories, TaskRunner runner) {
        this.repositories = repositories;
        this.runner = runner;
    }

    public ReadOnlyObjectProperty<CommitDetail> commitProperty() {
        return commit.getReadOnlyProperty();
    }

    public ObservableList<ChangedFile> files() {
        return readOnlyFiles;
    }

    public ReadOnlyObjectProperty<ChangedFile> selectedFileProperty() {
        return selectedFile.getReadOnlyProperty();
    }

    public ObservableList<DiffLine> diff() {
        return readOnlyDiff;
    }

    /** Why nothing (or not everything) is shown: no commit picked, binary file, a failure. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Where the "Lineage" link goes, given the commit's hash; null shows no link. */
    public void setLineageOpener(java.util.function.Consumer<String> opener) {
        this.lineageOpener = opener;
    }

    public boolean hasLineage() {
        return lineageOpener != null;
    }

    /** Shows the commit on display in the Lineage explorer. */
    public void openLineage() {
        if (lineageOpener != null && commit.get() != null) {
            lineageOpener.accept(commit.get().hash());
        }
    }

    /** A pipeline run built from the commit on display: a label, its status word, and how to open it. */
    public record LinkedRun(String label, String status, Runnable open) {
    }

    /** Where the commit's pipeline runs come from (called off the UI thread); null lists none. */
    public void setRunsOfCommit(java.util.function.Function<String, List<LinkedRun>> lookup) {
        this.runsOfCommit = lookup;
    }

    /** The pipeline runs of the commit on display. */
    public ObservableList<LinkedRun> runs() {
        return runs;
    }

    public long repoId() {
        return repoId;
    }

    public void clear() {
        commitGeneration++;
        diffGeneration++;
        commit.set(null);
        files.clear();
        runs.clear();
        selectedFile.set(null);
        diff.clear();
        note.set("Select a commit to see its changes.");
    }

    public void show(long repo, String hash) {
        CommitDetail shown = commit.get();
        if (shown != null && repo == repoId && shown.hash().equals(hash)) {
            return;
        }
        long asked = ++commitGeneration;
        diffGeneration++;
        repoId = repo;
        note.set("Loading " + hash.substring(0, Math.min(7, hash.length())) + "…");
        runner.run(() -> load(repo, hash), loaded -> {
            if (asked != commitGeneration) {
                return;
            }
            commit.set(loaded.detail().orElse(null));
            files.setAll(loaded.files());
            runs.setAll(loaded.runs());
            diff.clear();
            selectedFile.set(null);
            if (loaded.detail().isEmpty()) {
                note.set("Commit " + hash + " is not in the cache.");
            } else if (loaded.files().isEmpty()) {
                note.set("This commit changes no files.");
            } else {
                note.set("");
                showFile(loaded.files().get(0));
            }
        }, failure -> {
            if (asked == commitGeneration) {
                commit.set(null);
                files.clear();
                diff.clear();
                note.set("Could not read the commit: " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    public void showFile(ChangedFile file) {
        CommitDetail shown = commit.get();
        if (file == null || shown == null || file.equals(selectedFile.get())) {
            return;
        }
        long asked = ++diffGeneration;
        long repo = repoId;
        selectedFile.set(file);
        runner.run(() -> repositories.diff(repo, shown.hash(), file.path()), (FileDiff loaded) -> {
            if (asked != diffGeneration) {
                return;
            }
            diff.setAll(loaded.lines());
            note.set(loaded.binary() ? file.path() + " is a binary file." : "");
        }, failure -> {
            if (asked == diffGeneration) {
                diff.clear();
                note.set("Could not show the diff of " + file.path() + ": " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    private Loaded load(long repo, String hash) throws Exception {
        Optional<CommitDetail> detail = repositories.commit(repo, hash);
        List<ChangedFile> changed = detail.isPresent() ? repositories.changedFiles(repo, detail.get().hash()) : List.of();
        List<LinkedRun> built = detail.isPresent() && runsOfCommit != null ? runsOfCommit.apply(detail.get().hash()) : List.of();
        return new Loaded(detail, changed, built);
    }

    private record Loaded(Optional<CommitDetail> detail, List<ChangedFile> files, List<LinkedRun> runs) {
    }
}
