package dev.braid.features;

import java.util.List;

/** A registered model version (with its aliases, such as {@code champion}) made from a run. */
public record ModelVersionRef(String source, String model, String version, List<String> aliases) {
    public ModelVersionRef {
        aliases = List.copyOf(aliases);
    }
}
