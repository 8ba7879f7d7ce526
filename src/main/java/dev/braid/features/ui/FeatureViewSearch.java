package dev.braid.features.ui;

import dev.braid.features.FeatureCatalogService;
import dev.braid.features.FeatureViewListing;
import dev.braid.features.ViewFilter;
import dev.braid.ui.search.SearchProvider;
import dev.braid.ui.search.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window-wide search's feature views, found as the Features page's search finds them (name,
 * owner, tags, entities, description, field names), one result per project and name; each opens
 * the view's page through {@code open}, given {@code project/name}.
 */
public final class FeatureViewSearch implements SearchProvider {
    private final FeatureCatalogService catalogue;
    private final Consumer<String> open;

    public FeatureViewSearch(FeatureCatalogService catalogue, Consumer<String> open) {
        this.catalogue = catalogue;
        this.open = open;
    }

    @Override
    public String title() {
        return "Feature views";
    }

    @Override
    public List<SearchResult> find(String query, int limit) {
        // The words are searched as plain text: "owner:" and the other filter words belong to the Features page.
        String plain = query.strip().replace(':', ' ');
        Set<String> seen = new LinkedHashSet<>();
        List<SearchResult> out = new ArrayList<>();
        for (FeatureViewListing view : catalogue.listings(ViewFilter.search(plain))) {
            String qualified = view.project() + "/" + view.name();
            if (out.size() >= limit || !seen.add(qualified)) {
                continue;
            }
            String version = view.version() == null ? "" : " · " + view.version();
            out.add(new SearchResult(view.name(), "feature view · " + view.project() + version + " · " + view.source(),
                    Feather.LAYERS, () -> open.accept(qualified)));
        }
        return out;
    }
}
