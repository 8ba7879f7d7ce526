package dev.braid.features;

import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.EntityInfo;
import dev.braid.features.feast.ProjectInfo;
import dev.braid.features.feast.ServiceInfo;
import java.time.Instant;
import java.util.List;

/**
 * The catalogue at a glance, across sources (one entry per project and name): projects, feature
 * views (as the source that saw each last lists it), entities, feature services and data sources
 * matching a search, and when the registry last changed anything.
 */
public record CatalogueOverview(List<ProjectInfo> projects, List<FeatureViewListing> views, List<EntityInfo> entities,
                                List<ServiceInfo> services, List<DataSourceInfo> dataSources, Instant lastChange) {
    public CatalogueOverview {
        projects = List.copyOf(projects);
        views = List.copyOf(views);
        entities = List.copyOf(entities);
        services = List.copyOf(services);
        dataSources = List.copyOf(dataSources);
    }

    public boolean isEmpty() {
        return projects.isEmpty() && views.isEmpty() && entities.isEmpty() && services.isEmpty() && dataSources.isEmpty();
    }
}
