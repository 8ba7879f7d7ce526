package dev.braid.features.feast;

import java.time.Instant;
import java.util.List;

/**
 * Everything Braid reads from one Feast registry at one moment, wherever it came from.
 *
 * @param history          Feast's recorded feature-view versions (the registry file has them; the
 *                         registry server does not serve them)
 * @param versioned        whether the registry numbers feature-view versions itself (Feast 0.62 and later)
 * @param feastVersion     the Feast release that answered, when it said (the registry server does); else empty
 * @param lastUpdated      when the registry last changed, when it says; else null
 */
public record RegistrySnapshot(List<ProjectInfo> projects, List<EntityInfo> entities, List<DataSourceInfo> dataSources,
                               List<ViewDefinition> views, List<ServiceInfo> services, List<SavedDatasetInfo> savedDatasets,
                               List<RecordedVersion> history, boolean versioned, String feastVersion, Instant lastUpdated) {
    public RegistrySnapshot {
        projects = List.copyOf(projects);
        entities = List.copyOf(entities);
        dataSources = List.copyOf(dataSources);
        views = List.copyOf(views);
        services = List.copyOf(services);
        savedDatasets = List.copyOf(savedDatasets);
        history = List.copyOf(history);
        feastVersion = feastVersion == null ? "" : feastVersion;
    }

    /** Only the objects of {@code project} (all of them when it is null or blank). */
    public RegistrySnapshot onlyProject(String project) {
        if (project == null || project.isBlank()) {
            return this;
        }
        return new RegistrySnapshot(
                projects.stream().filter(p -> p.name().equals(project)).toList(),
                entities.stream().filter(e -> e.project().equals(project)).toList(),
                dataSources.stream().filter(d -> d.project().equals(project)).toList(),
                views.stream().filter(v -> v.project().equals(project)).toList(),
                services.stream().filter(s -> s.project().equals(project)).toList(),
                savedDatasets.stream().filter(s -> s.project().equals(project)).toList(),
                history.stream().filter(h -> h.project().equals(project)).toList(),
                versioned, feastVersion, lastUpdated);
    }
}
