package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.ui.TaskRunner;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * What a run tab that reads from a source the window gives later (git at the run's commit: the
 * Definition tab, the Params and metrics tab) needs: it loads again whenever the run on display
 * changes and when the source arrives, and of its background reads only the latest one's answer
 * counts, so a slow answer for a run the user has left never overwrites the run shown now.
 *
 * @param <S> the source, null until the window gives it
 */
final class RunTabLoader<S> {
    private final TaskRunner runner;
    private final ReadOnlyObjectProperty<PipelineRunDetail> detail;
    private final BiConsumer<PipelineRunDetail, S> load;
    private S source;
    private long generation;

    /** @param load shows {@code run} (null for none) from {@code source} (null until given), through {@link #read} */
    RunTabLoader(TaskRunner runner, ReadOnlyObjectProperty<PipelineRunDetail> detail, BiConsumer<PipelineRunDetail, S> load) {
        this.runner = runner;
        this.detail = detail;
        this.load = load;
        detail.addListener((obs, old, now) -> load(now));
    }

    /** Gives the source and shows the current run from it at once. */
    void setSource(S source) {
        this.source = source;
        load(detail.get());
    }

    /** Reads {@code work} in the background; hands on its answer or failure only if nothing was loaded since. */
    <T> void read(Callable<T> work, Consumer<? super T> shown, Consumer<? super Throwable> failed) {
        long asked = ++generation;
        runner.run(work, answer -> {
            if (asked == generation) {
                shown.accept(answer);
            }
        }, failure -> {
            if (asked == generation) {
                failed.accept(failure);
            }
        });
    }

    private void load(PipelineRunDetail run) {
        generation++; // whatever is still on its way is for a run no longer shown
        load.accept(run, source);
    }
}
