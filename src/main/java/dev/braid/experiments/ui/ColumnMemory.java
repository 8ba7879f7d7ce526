package dev.braid.experiments.ui;

import java.util.Optional;

/**
 * Where the runs table remembers which columns a person chose, per set of experiments (the
 * window keeps them in the settings file). Values are {@link ColumnChoice}'s own text.
 */
public interface ColumnMemory {
    ColumnMemory NONE = new ColumnMemory() {
        @Override
        public Optional<String> load(String scope) {
            return Optional.empty();
        }

        @Override
        public void save(String scope, String columns) {
        }
    };

    /** The columns chosen for {@code scope} (a set of experiments), if any were. */
    Optional<String> load(String scope);

    void save(String scope, String columns);
}
