package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.repos.ChangedFile;
import dev.braid.repos.DiffLine;
import dev.braid.repos.FileDiff;
import dev.braid.ui.TaskRunner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The code that changed between two compared runs: the runs whose {@code mlflow.source.git.commit}
 * names a commit, the two picked (first the earliest pair on different commits), and, once asked
 * for, the files that differ between those commits in their indexed repository and the diff of the
 * file picked. Repository reads run on the task runner.
 */
public final class CodeDiffViewModel {
    private final CommitLinks commits;
    private final TaskRunner runner;
    private final ObservableList<RunSummary> candidates;
    private final ReadOnlyObjectWrapper<RunSummary> from = new ReadOnlyObjectWrapper<>(this, "from");
    private final ReadOnlyObjectWrapper<RunSummary> to = new ReadOnlyObjectWrapper<>(this, "to");
    private final ObservableList<ChangedFile> files = FXCollections.observableArrayList();
    private final ObservableList<ChangedFile> filesView = FXCollections.unmodifiableObservableList(files);
    private final ReadOnlyObjectWrapper<ChangedFile> selectedFile = new ReadOnlyObjectWrapper<>(this, "selectedFile");
    private final ObservableList<DiffLine> lines = FXCollections.observableArrayList();
    private final ObservableList<DiffLine> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private boolean wanted;
    private long repoId;
    private long pairGeneration;
    private long fileGeneration;

    CodeDiffViewModel(List<RunSummary> runs, CommitLinks commits, TaskRunner runner) {
        this.commits = commits;
        this.runner = runner;
        this.candidates = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                runs.stream().filter(r -> r.sourceCommit() != null && !r.sourceCommit().isBlank()).toList()));
        List<RunSummary> pair = defaultPair(candidates);
        from.set(pair.isEmpty() ? null : pair.get(0));
        to.set(pair.size() < 2 ? null : pair.get(1));
        note.set(candidates.size() < 2 ? noCommitsNote(candidates.size()) : "");
    }

    /** The first run with a commit and the first after it on another commit (or simply the first two). */
    static List<RunSummary> defaultPair(List<RunSummary> withCommits) {
        if (withCommits.size() < 2) {
            return List.copyOf(withCommits);
        }
        RunSummary first = withCommits.get(0);
        RunSummary other = withCommits.stream().filter(r -> !r.sourceCommit().equals(first.sourceCommit())).findFirst()
                .orElse(withCommits.get(1));
        return List.of(first, other);
    }

    /** The compared runs that name a commit. */
    public ObservableList<RunSummary> candidates() {
        return candidates;
    }

    public ReadOnlyObjectProperty<RunSummary> fromProperty() {
        return from.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> toProperty() {
        return to.getReadOnlyProperty();
    }

    /** Files that differ between the two runs' commits. */
    public ObservableList<ChangedFile> files() {
        return filesView;
    }

    public ReadOnlyObjectProperty<ChangedFile> selectedFileProperty() {
        return selectedFile.getReadOnlyProperty();
    }

    /** The diff of the selected file. */
    public ObservableList<DiffLine> lines() {
        return linesView;
    }

    /** What is compared, or why nothing can be. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public void setFrom(RunSummary run) {
        if (!Objects.equals(run, from.get())) {
            from.set(run);
            reloadIfWanted();
        }
    }

    public void setTo(RunSummary run) {
        if (!Objects.equals(run, to.get())) {
            to.set(run);
            reloadIfWanted();
        }
    }

    /** Compares the other way round. */
    public void swap() {
        RunSummary a = from.get();
        from.set(to.get());
        to.set(a);
        reloadIfWanted();
    }

    /** Reads what changed between the two runs' commits; from now on a new pair is read at once. */
    public void load() {
        wanted = true;
        long asked = ++pairGeneration;
        fileGeneration++;
        files.clear();
        selectedFile.set(null);
        lines.clear();
        RunSummary a = from.get();
        RunSummary b = to.get();
        if (a == null || b == null) {
            note.set(candidates.size() < 2 ? noCommitsNote(candidates.size()) : "Pick two runs to compare their code.");
            return;
        }
        String hashA = a.sourceCommit();
        String hashB = b.sourceCommit();
        if (hashA.equals(hashB)) {
            note.set(RunFormats.runLabel(a) + " and " + RunFormats.runLabel(b) + " were both made from commit "
                    + RunFormats.shortHash(hashA) + ": their code is the same.");
            return;
        }
        loading.set(true);
        note.set("Comparing " + RunFormats.shortHash(hashA) + " with " + RunFormats.shortHash(hashB) + "…");
        runner.run(() -> read(hashA, hashB), result -> {
            if (asked != pairGeneration) {
                return;
            }
            loading.set(false);
            repoId = result.repoId();
            note.set(result.problem() != null ? result.problem() : summary(a, b, result.files()));
            files.setAll(result.files());
            if (!files.isEmpty()) {
                showFile(files.get(0));
            }
        }, failure -> {
            if (asked == pairGeneration) {
                loading.set(false);
                note.set("Could not compare the commits: " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    /** Shows the diff of {@code file}, read in the background. */
    public void showFile(ChangedFile file) {
        if (file == null || file.equals(selectedFile.get())) {
            return;
        }
        selectedFile.set(file);
        lines.clear();
        long asked = ++fileGeneration;
        String a = from.get().sourceCommit();
        String b = to.get().sourceCommit();
        long repo = repoId;
        runner.run(() -> commits.diff(repo, a, b, file.path()), (FileDiff diff) -> {
            if (asked == fileGeneration) {
                lines.setAll(diff.lines());
            }
        }, failure -> {
            if (asked == fileGeneration) {
                note.set("Could not read the diff of " + file.path() + ": " + dev.braid.sync.PlainErrors.describe(failure));
            }
        });
    }

    private record Read(long repoId, List<ChangedFile> files, String problem) {
    }

    private Read read(String a, String b) throws Exception {
        Optional<Long> repoA = commits.repositoryFor(a);
        Optional<Long> repoB = commits.repositoryFor(b);
        if (repoA.isEmpty() || repoB.isEmpty()) {
            String missing = RunFormats.shortHash(repoA.isEmpty() ? a : b);
            return new Read(0, List.of(), "Commit " + missing + " is in no indexed repository. Add the repository "
                    + "the runs were made from (Add source) to see their code diff.");
        }
        if (!repoA.get().equals(repoB.get())) {
            return new Read(0, List.of(), "The two commits are in different repositories; there is no diff between them.");
        }
        return new Read(repoA.get(), commits.changedFiles(repoA.get(), a, b), null);
    }

    private void reloadIfWanted() {
        if (wanted) {
            load();
        }
    }

    private static String summary(RunSummary a, RunSummary b, List<ChangedFile> files) {
        return String.format("%d %s changed from %s (%s) to %s (%s)", files.size(), files.size() == 1 ? "file" : "files",
                RunFormats.shortHash(a.sourceCommit()), RunFormats.runLabel(a), RunFormats.shortHash(b.sourceCommit()),
                RunFormats.runLabel(b));
    }

    private static String noCommitsNote(int withCommits) {
        return withCommits == 0 ? "None of these runs records the commit it was made from (mlflow.source.git.commit)."
                : "Only one of these runs records the commit it was made from; a code diff needs two.";
    }
}
