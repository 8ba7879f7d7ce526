package dev.braid.pipelines;

import dev.braid.sync.Source;
import java.util.function.BooleanSupplier;

/** Opens the {@link RunSource} that speaks a pipeline source's API. */
public interface RunSources {
    /**
     * @param cancelled asked while requests are outstanding; true abandons them
     * @param progress  told about waits a user should know of (a rate limit)
     */
    RunSource open(Source source, BooleanSupplier cancelled, java.util.function.Consumer<String> progress)
            throws PipelineException;
}
