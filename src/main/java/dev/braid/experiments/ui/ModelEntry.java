package dev.braid.experiments.ui;

import dev.braid.experiments.RegisteredModel;

/** A registered model in the Models tab, with the name of its source and its versions and aliases as text. */
public record ModelEntry(RegisteredModel model, String sourceName) {
    public String name() {
        return model.name();
    }

    /** The newest version's number, or empty for a model without versions. */
    public String latestVersion() {
        return model.versions().isEmpty() ? "" : model.versions().get(0).version();
    }

    public int versionCount() {
        return model.versions().size();
    }

    /** "@champion → 2, @challenger → 1". */
    public String aliases() {
        return String.join(", ", model.aliases().entrySet().stream()
                .map(a -> "@" + a.getKey() + " → " + a.getValue()).sorted().toList());
    }

    boolean is(long sourceId, String name) {
        return model.sourceId() == sourceId && model.name().equals(name);
    }
}
