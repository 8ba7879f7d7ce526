package dev.braid.pipelines.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.ui.HeldTaskRunner;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class RunTabLoaderTest {
    private final HeldTaskRunner runner = new HeldTaskRunner();
    private final SimpleObjectProperty<PipelineRunDetail> detail = new SimpleObjectProperty<>();
    private final List<String> shown = new ArrayList<>();
    private RunTabLoader<String> loader;

    private void load(PipelineRunDetail run, String source) {
        shown.add("load " + (run == null ? "none" : "run") + " from " + source);
        if (source != null) {
            int n = runner.asked();
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
        runner.answer(1);
        runner.answer(0); // the older read answers last: dropped
        assertEquals(List.of("load none from git", "load none from git again", "answer 1"), shown);
    }

    @Test
    void aRunShownSinceDropsTheAnswerAndTheFailureOfTheRead() {
        loader = new RunTabLoader<>(runner, detail, this::load);
        loader.setSource("broken");
        detail.set(new PipelineRunDetail(null, List.of(), null, List.of()));
        runner.answer(0);
        runner.answer(1);
        assertEquals(List.of("load none from broken", "load run from broken", "failed: broken"), shown);
    }
}
