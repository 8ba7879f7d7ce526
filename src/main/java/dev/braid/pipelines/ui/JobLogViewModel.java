package dev.braid.pipelines.ui;

import dev.braid.pipelines.AnsiText;
import dev.braid.pipelines.JobLog;
import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.pipelines.PipelineService;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One job's log, fetched on demand (from the cache when it holds it): its lines with their ANSI
 * colours, the line where the failure is reported (brought into view), and a search through it.
 */
public final class JobLogViewModel {
    private final PipelineService service;
    private final TaskRunner runner;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final List<String> plain = new ArrayList<>();
    private final ReadOnlyObjectWrapper<PipelineJob> job = new ReadOnlyObjectWrapper<>(this, "job");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "Choose a job to see its log.");
    private final ReadOnlyIntegerWrapper failingLine = new ReadOnlyIntegerWrapper(this, "failingLine", -1);
    private final ReadOnlyIntegerWrapper focusLine = new ReadOnlyIntegerWrapper(this, "focusLine", -1);
    private PipelineRunDetail run;
    private long generation;

    JobLogViewModel(PipelineService service, TaskRunner runner) {
        this.service = service;
        this.runner = runner;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    public ReadOnlyObjectProperty<PipelineJob> jobProperty() {
        return job.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Where the failure is reported, or -1. */
    public ReadOnlyIntegerProperty failingLineProperty() {
        return failingLine.getReadOnlyProperty();
    }

    /** The line to bring into view (the failure, then each search match). */
    public ReadOnlyIntegerProperty focusLineProperty() {
        return focusLine.getReadOnlyProperty();
    }

    /** Shows the log of {@code shown} in {@code detail}'s run; null clears it. */
    public void show(PipelineRunDetail detail, PipelineJob shown) {
        this.run = detail;
        long asked = ++generation;
        job.set(shown);
        lines.clear();
        plain.clear();
        failingLine.set(-1);
        focusLine.set(-1);
        if (detail == null || shown == null) {
            note.set("Choose a job to see its log.");
            return;
        }
        note.set("Fetching the log of " + shown.name() + "…");
        runner.run(() -> service.log(detail.run().source(), detail.run().id(), shown.id(), false), (JobLog log) -> {
            if (asked != generation) {
                return;
            }
            List<String> split = List.of(log.text().split("\r?\n", -1));
            lines.setAll(split);
            split.forEach(l -> plain.add(AnsiText.plain(l)));
            int failing = AnsiText.failingLine(plain);
            failingLine.set(shown.status() == dev.braid.pipelines.PipelineStatus.FAILED ? failing : -1);
            focusLine.set(failingLine.get() >= 0 ? failingLine.get() : Math.max(0, split.size() - 1));
            note.set((log.truncated() ? "Only the end of this log is kept (it is larger than the cap in Settings). " : "")
                    + split.size() + " lines");
        }, failure -> {
            if (asked == generation) {
                note.set("Could not fetch the log: " + failure.getMessage());
            }
        });
    }

    /** Shows the log of the job named {@code jobId} in the run on display. */
    public void show(String jobId) {
        if (run == null) {
            return;
        }
        run.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().ifPresent(j -> show(run, j));
    }

    /** Brings the next line containing {@code text} (case-insensitive) after the current one into view; false when none. */
    public boolean findNext(String text) {
        if (text == null || text.isBlank() || plain.isEmpty()) {
            return false;
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        int start = focusLine.get();
        for (int step = 1; step <= plain.size(); step++) {
            int i = Math.floorMod(start + step, plain.size());
            if (plain.get(i).toLowerCase(Locale.ROOT).contains(wanted)) {
                focusLine.set(i);
                note.set("Line " + (i + 1) + " of " + plain.size());
                return true;
            }
        }
        note.set("\"" + text + "\" is not in this log");
        return false;
    }
}
