package dev.braid.experiments.ui;

import dev.braid.experiments.Experiment;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.LoggedModel;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.sync.Source;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the Models tab shows, read in one background step: registered models with their
 * source names, logged models with experiment names, and the names of the runs both came from.
 */
record RegistrySnapshot(List<ModelEntry> models, List<LoggedModelRow> loggedModels, Map<String, String> runLabels,
                        Map<String, String> loggedModelNames, ZoneId zone) {
    /** Reads the cache through {@code service}; call it off the UI thread. */
    static RegistrySnapshot read(ExperimentService service, ZoneId zone) {
        Map<Long, String> sources = service.sources().stream().collect(Collectors.toMap(Source::id, Source::name));
        List<RegisteredModel> registered = service.models();
        List<LoggedModel> logged = service.loggedModels();
        Map<String, String> experiments = new HashMap<>();
        for (Experiment e : service.experiments()) {
            experiments.put(e.sourceId() + "/" + e.experimentId(), e.name());
        }
        Map<Long, Set<String>> runIds = new HashMap<>();
        registered.forEach(m -> m.versions().stream().filter(v -> v.runId() != null)
                .forEach(v -> runIds.computeIfAbsent(m.sourceId(), k -> new HashSet<>()).add(v.runId())));
        logged.stream().filter(m -> m.sourceRunId() != null)
                .forEach(m -> runIds.computeIfAbsent(m.sourceId(), k -> new HashSet<>()).add(m.sourceRunId()));
        Map<String, String> runLabels = new HashMap<>();
        runIds.forEach((source, ids) -> service.runNames(source, ids)
                .forEach((id, name) -> runLabels.put(source + "/" + id, name)));
        Map<String, String> names = new HashMap<>();
        logged.forEach(m -> names.put(m.sourceId() + "/" + m.modelId(), m.name()));
        Map<String, List<String>> registeredAs = new HashMap<>();
        for (RegisteredModel m : registered) {
            for (ModelVersion v : m.versions()) {
                if (v.loggedModelId() != null) {
                    registeredAs.computeIfAbsent(m.sourceId() + "/" + v.loggedModelId(), k -> new ArrayList<>())
                            .add(m.name() + " v" + v.version());
                }
            }
        }
        List<ModelEntry> models = registered.stream()
                .map(m -> new ModelEntry(m, sources.getOrDefault(m.sourceId(), "?"))).toList();
        List<LoggedModelRow> rows = logged.stream().map(m -> new LoggedModelRow(m,
                experiments.getOrDefault(m.sourceId() + "/" + m.experimentId(), m.experimentId()),
                label(runLabels, m.sourceId(), m.sourceRunId()), RunFormats.time(m.creationTimestamp(), zone),
                String.join(", ", registeredAs.getOrDefault(m.sourceId() + "/" + m.modelId(), List.of())))).toList();
        return new RegistrySnapshot(models, rows, Map.copyOf(runLabels), Map.copyOf(names), zone);
    }

    /** The rows of one model's versions, newest first. */
    List<VersionRow> versionRows(RegisteredModel model) {
        List<VersionRow> out = new ArrayList<>();
        for (ModelVersion v : model.versions()) {
            String logged = v.loggedModelId() == null ? ""
                    : loggedModelNames.getOrDefault(model.sourceId() + "/" + v.loggedModelId(), v.loggedModelId());
            out.add(new VersionRow(model.sourceId(), v, String.join(" ", v.aliases().stream().map(a -> "@" + a).toList()),
                    pairs(v.tags()), RunFormats.time(v.creationTimestamp(), zone),
                    label(runLabels, model.sourceId(), v.runId()), logged));
        }
        return out;
    }

    /** The run's cached name, its short id when it is not cached, or empty without a run. */
    private static String label(Map<String, String> runLabels, long sourceId, String runId) {
        if (runId == null || runId.isBlank()) {
            return "";
        }
        return runLabels.getOrDefault(sourceId + "/" + runId, RunFormats.shortHash(runId));
    }

    /** "k=v, k2=v2" by key. */
    static String pairs(Map<String, String> pairs) {
        return pairs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
