package dev.braid.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds each background task until the test lets it answer, in the order asked or any other, so a
 * test can put what a user does between a question and its answer. Actions for the UI thread run
 * at once, on the calling thread.
 */
public final class HeldTaskRunner implements TaskRunner {
    private final ImmediateTaskRunner immediate = new ImmediateTaskRunner();
    private final List<Runnable> asked = new ArrayList<>();
    private final List<Boolean> answered = new ArrayList<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        asked.add(() -> immediate.run(work, onSuccess, onFailure));
        answered.add(false);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    /** How many tasks were asked so far, answered or not. */
    public int asked() {
        return asked.size();
    }

    /** Lets task {@code index} (counted from 0 in the order asked) do its work and answer, once. */
    public void answer(int index) {
        if (!answered.get(index)) {
            answered.set(index, true);
            asked.get(index).run();
        }
    }

    /** Answers the oldest task not answered yet. */
    public void answerNext() {
        answer(answered.indexOf(false));
    }

    /** Answers every task not answered yet, in the order asked, also those their answers ask. */
    public void answerAll() {
        for (int i = 0; i < asked.size(); i++) {
            answer(i);
        }
    }
}
