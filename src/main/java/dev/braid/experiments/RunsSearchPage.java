package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads one page of {@code runs/search} run by run: only one run's JSON tree exists at a time.
 * A page of 1,000 runs as one tree takes several times its text, and a first sync reads several
 * pages side by side ({@link MlflowRestClient#PARALLEL_SEARCHES}) while it holds every run read so
 * far; those trees were what made the heap, and so the process, grow. Each run is read by
 * {@link MlflowJson#run}, as before, so the records are the same.
 */
final class RunsSearchPage {
    private RunsSearchPage() {
    }

    /**
     * Hands the page's runs to {@code into}, in order; returns its next page token, or null on the last page.
     * The parser stands on the answer's opening brace; the token may come before or after the runs.
     */
    static String read(JsonParser parser, Consumer<RemoteRun> into) throws IOException {
        return PagedAnswer.read(parser, "runs", item -> into.accept(MlflowJson.run(item.readValueAsTree())));
    }
}
