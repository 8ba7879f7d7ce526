package dev.braid.features;

import dev.braid.features.feast.DataSourceInfo;
import dev.braid.features.feast.ViewDefinition;
import java.util.List;

/**
 * Everything cached about one feature view (a project and a name): its current definition and
 * version (as the source that saw it last lists it), every source that lists it, every version
 * known with its provenance, the feature services that serve it and its data source.
 */
public record FeatureViewDetail(long viewPk, String project, String name, String currentVersion, ViewDefinition definition,
                                List<FeatureViewListing> listings, List<FeatureViewVersion> versions,
                                List<ServingService> servedBy, DataSourceInfo dataSource) {
    public FeatureViewDetail {
        listings = List.copyOf(listings);
        versions = List.copyOf(versions);
        servedBy = List.copyOf(servedBy);
    }

    /** {@code project/name}, how several projects' views of one name are told apart. */
    public String qualifiedName() {
        return project + "/" + name;
    }
}
