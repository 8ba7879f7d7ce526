package dev.braid.security.bom;

import dev.braid.security.VersionRef;
import java.util.List;

/**
 * The hook through which the features service (issue 12, branch {@code features}) tells the BOM
 * which feature views, at which versions, a model version was trained on. Until it is wired in
 * {@code SecurityServices}, {@link #NONE} answers and BOMs carry no feature components. Each use
 * becomes a {@code data} component ({@code braid:feature-view}) the model depends on, its
 * features listed in {@code data[].contents.properties}.
 */
@FunctionalInterface
public interface FeatureVersions {
    /** Knows no features. */
    FeatureVersions NONE = version -> List.of();

    /** The feature views (and versions) {@code version} was trained on; empty when unknown. */
    List<FeatureUse> featuresOf(VersionRef version);

    /**
     * One feature view a model used.
     *
     * @param id        a stable id for the BOM reference, such as the feature view version's lineage node id
     * @param project   the feature store project (Feast project), or null
     * @param view      the feature view's name
     * @param version   its version (Feast's, or Braid's content-hash version), or null when unknown
     * @param features  the features of the view the model read
     */
    record FeatureUse(String id, String project, String view, String version, List<String> features) {
        public FeatureUse {
            features = List.copyOf(features);
        }
    }
}
