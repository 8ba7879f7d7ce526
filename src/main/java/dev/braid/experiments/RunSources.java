package dev.braid.experiments;

import dev.braid.sync.Source;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Picks the {@link RunSource} for an MLflow source from its configured address. */
final class RunSources {
    private RunSources() {
    }

    static RunSource open(MlflowConnector connector, Source source) throws MlflowException {
        return open(connector, source, () -> false);
    }

    /** As {@link #open(MlflowConnector, Source)}; a server's requests are abandoned once {@code cancelled} is true. */
    static RunSource open(MlflowConnector connector, Source source, BooleanSupplier cancelled) throws MlflowException {
        Optional<LocalStoreAddress> local = LocalStoreAddress.ofConfigured(source.config(MlflowConnector.URI_KEY));
        if (local.isEmpty()) {
            return new RestRunSource(connector.client(source, cancelled));
        }
        return switch (local.get().kind()) {
            case SQLITE -> new SqliteRunSource(local.get().path());
            case FILE_STORE -> new FileRunSource(local.get().path());
        };
    }
}
