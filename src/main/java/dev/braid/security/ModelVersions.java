package dev.braid.security;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.sync.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds cached model versions by the ids people type: the lineage id
 * ({@code model-version:<source>:<model>/<version>}), {@code <source>:<model>/<version>},
 * {@code <model>/<version>} (when one source has it), and MLflow's {@code models:/<model>/<version>}
 * and {@code models:/<model>@<alias>}.
 */
public final class ModelVersions {
    private final ExperimentService experiments;

    public ModelVersions(ExperimentService experiments) {
        this.experiments = experiments;
    }

    /** A version and what it belongs to. */
    public record Found(VersionRef ref, RegisteredModel model, ModelVersion version) {
    }

    /** The version {@code id} names; fails with the reason when none or several match. */
    public Found resolve(String id) throws SecurityException {
        String text = id == null ? "" : id.strip();
        String source = null;
        if (text.startsWith("model-version:")) {
            text = text.substring("model-version:".length());
        } else if (text.startsWith("models:/")) {
            text = text.substring("models:/".length());
        }
        String rest = text;
        int colon = text.indexOf(':');
        int slash = text.lastIndexOf('/');
        int at = text.lastIndexOf('@');
        if (colon > 0 && (slash < 0 || colon < slash) && (at < 0 || colon < at)) {
            source = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        String model;
        String version = null;
        String alias = null;
        if (rest.lastIndexOf('/') > 0) {
            model = rest.substring(0, rest.lastIndexOf('/'));
            version = rest.substring(rest.lastIndexOf('/') + 1);
        } else if (rest.lastIndexOf('@') > 0) {
            model = rest.substring(0, rest.lastIndexOf('@'));
            alias = rest.substring(rest.lastIndexOf('@') + 1);
        } else {
            throw new SecurityException("'" + id + "' names no model version; write MODEL/VERSION, SOURCE:MODEL/VERSION,"
                    + " model-version:SOURCE:MODEL/VERSION or models:/MODEL@ALIAS");
        }
        Map<Long, String> names = experiments.sources().stream().collect(Collectors.toMap(Source::id, Source::name));
        List<Found> found = new ArrayList<>();
        for (RegisteredModel m : experiments.models()) {
            String sourceName = names.getOrDefault(m.sourceId(), "?");
            if (!m.name().equals(model) || (source != null && !source.equals(sourceName))) {
                continue;
            }
            String wanted = version != null ? version : m.aliases().get(alias);
            for (ModelVersion v : m.versions()) {
                if (v.version().equals(wanted)) {
                    found.add(new Found(new VersionRef(m.sourceId(), sourceName, m.name(), v.version()), m, v));
                }
            }
        }
        if (found.isEmpty()) {
            throw new SecurityException("no cached model version " + id + " (sync its MLflow source, or check the name)");
        }
        if (found.size() > 1) {
            throw new SecurityException(id + " is in several sources (" + found.stream().map(f -> f.ref().sourceName())
                    .collect(Collectors.joining(", ")) + "); write SOURCE:MODEL/VERSION");
        }
        return found.get(0);
    }

    /** The cached version a reference names, if it is still there. */
    public Optional<Found> find(VersionRef ref) {
        return experiments.models().stream().filter(m -> m.sourceId() == ref.sourceId() && m.name().equals(ref.model()))
                .flatMap(m -> m.versions().stream().filter(v -> v.version().equals(ref.version()))
                        .map(v -> new Found(ref, m, v))).findFirst();
    }

    /** The reference of a version of a registered model. */
    public VersionRef ref(RegisteredModel model, ModelVersion version) {
        String name = experiments.sources().stream().filter(s -> s.id() == model.sourceId()).map(Source::name)
                .findFirst().orElse("?");
        return new VersionRef(model.sourceId(), name, model.name(), version.version());
    }

}
