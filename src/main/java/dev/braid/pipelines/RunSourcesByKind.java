package dev.braid.pipelines;

import dev.braid.sync.Source;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Opens each source through the {@link RunSources} of its kind (CI services, orchestrators). */
public final class RunSourcesByKind implements RunSources {
    private final Map<String, RunSources> byKind;

    public RunSourcesByKind(Map<String, RunSources> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    @Override
    public RunSource open(Source source, BooleanSupplier cancelled, Consumer<String> progress) throws PipelineException {
        RunSources sources = byKind.get(source.kind());
        if (sources == null) {
            throw PipelineException.permanent("Braid cannot sync pipeline sources of kind " + source.kind(), null);
        }
        return sources.open(source, cancelled, progress);
    }
}
