package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.ui.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class RunTabLoaderTest {
    /** Holds each background read until the test lets it answer, in any order. */
    private static final class HeldRunner implements TaskRunner {
        final List<Runnable> answers = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            answers.add(() -> {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }
    }

    private final HeldRunner runner = new HeldRunner();
    private final SimpleObjectProperty<PipelineRunDetail> detail = new SimpleObjectProperty<>();
    private final List<String> shown = new ArrayList<>();
    private RunTabLoader<String> loader;

    private void load(PipelineRunDetail run, String source) {
        shown.add("load " + (run == null ? "none" : "run") + " from " + source);
        if (source != null) {
            int n = runner.answers.size();
            loader.read(() -> {
                if (source.equals("broken")) {
                    throw new IllegalStateException("broken");
                }
                return "answer " + n;
            }, answer -> shown.add((String) answer), failure -> shown.add("failed: " + failure.getMessage()));
        }
    }

    @Test
    void loadsWhenTheSourceArrivesAndKeepsOnlyTheLatestReadsAnswer() {
        loader = new RunTabLoader<>(runner, detail, this::load);
        loader.setSource("git");
        loader.setSource("git again");
        runner.answers.get(1).run();
        runner.answers.get(0).run(); // the older read answers last: dropped
        assertEquals(List.of("load none from git", "load none from git again", "answer 1"), shown);
    }

    @Test
    void aRunShownSinceDropsTheAnswerAndTheFailureOfTheRead() {
        loader = new RunTabLoader<>(runner, detail, this::load);
        loader.setSource("broken");
        detail.set(new PipelineRunDetail(null, List.of(), null, List.of()));
        runner.answers.get(0).run();
        runner.answers.get(1).run();
        assertEquals(List.of("load none from broken", "load run from broken", "failed: broken"), shown);
    }
}
