package dev.braid.features;

import dev.braid.features.registry.FeastSyncer;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import dev.braid.sync.SourceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The feature catalogue: Feast registries added as sources, their feature views with every
 * version and its provenance, diffs between versions, and (with {@link FeatureUsageService})
 * which runs and models used which version. Synchronous; every question reads one consistent
 * snapshot of the cache.
 */
public final class FeatureCatalogService {
    private final Database db;
    private final SourceStore sources;
    private final CatalogueQueries queries = new CatalogueQueries();
    private final ViewDetails details = new ViewDetails(queries);
    private final OverviewQueries overview = new OverviewQueries(queries);

    public FeatureCatalogService(Database db, SourceStore sources) {
        this.db = db;
        this.sources = sources;
    }

    /**
     * Adds a Feast registry: a registry server's address ({@code http://127.0.0.1:6572}), a
     * {@code registry.db} file, the folder holding it, or a feature repository folder whose
     * {@code feature_store.yaml} names a file registry. {@code name} defaults to one made from the
     * address; {@code project} limits the source to one Feast project; {@code tokenEnv} names the
     * environment variable holding a bearer token for a server that requires one.
     */
    public Source addRegistry(String urlOrPath, String name, String project, String tokenEnv) throws FeatureException {
        RegistryAddress address = RegistryAddress.parse(urlOrPath, project);
        var config = new java.util.LinkedHashMap<>(address.config());
        if (tokenEnv != null && !tokenEnv.isBlank()) {
            if (!config.containsKey(FeastSyncer.URL)) {
                throw new FeatureException("a registry file is read from disk and takes no token");
            }
            config.put(FeastSyncer.TOKEN_ENV, tokenEnv.strip());
        }
        try {
            return db.write(c -> sources.insertNamed(c, FeastSyncer.KIND, name, () -> address.defaultName(), config));
        } catch (IllegalStateException e) {
            throw new FeatureException(e.getMessage(), e);
        }
    }

    /** The Feast sources, by name. */
    public List<Source> sources() {
        return sources.listByKind(FeastSyncer.KIND);
    }

    /**
     * The catalogue at a glance: projects, feature views, entities, feature services and data sources
     * (one entry per project and name across sources) matching {@code search} (see {@link ViewFilter}
     * for the words it understands; null or blank for everything).
     */
    public CatalogueOverview overview(String search) {
        return db.read(c -> overview.overview(c, search));
    }

    /** Feature views as each source lists them, by project, name and source. */
    public List<FeatureViewListing> listings(ViewFilter filter) {
        return db.read(c -> queries.listings(c, filter));
    }

    /**
     * The feature view {@code name} ({@code project/name} where several projects have one of that
     * name). Throws when no view or more than one has that name.
     */
    public FeatureViewDetail view(String name) throws FeatureException {
        long pk = resolve(name);
        return db.read(c -> details.detail(c, pk)).orElseThrow(() -> new FeatureException("no feature view " + name));
    }

    /** The view with this key, if a source still lists or once listed it. */
    public Optional<FeatureViewDetail> view(long viewPk) {
        return db.read(c -> details.detail(c, viewPk));
    }

    /** The differences from version {@code from} to version {@code to} of view {@code name}. */
    public VersionDiff diff(String name, String from, String to) throws FeatureException {
        FeatureViewDetail view = view(name);
        FeatureViewVersion a = version(view, from);
        FeatureViewVersion b = version(view, to);
        return VersionDiffer.diff(view.project(), view.name(), a.version(), a.definition(), b.version(), b.definition());
    }

    /** The version of {@code view} labelled {@code label} ({@code v2}, {@code 2}, or a hash label or its prefix). */
    public static FeatureViewVersion version(FeatureViewDetail view, String label) throws FeatureException {
        String wanted = label == null ? "" : label.strip();
        if (wanted.matches("\\d+")) {
            wanted = "v" + wanted;
        }
        List<FeatureViewVersion> found = new ArrayList<>();
        for (FeatureViewVersion v : view.versions()) {
            if (v.version().equals(wanted)) {
                return v;
            }
            if (wanted.length() >= 4 && v.version().startsWith(wanted)) {
                found.add(v);
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new FeatureException("feature view " + view.name() + " has no version " + label + " (it has "
                + String.join(", ", view.versions().stream().map(FeatureViewVersion::version).toList()) + ")");
    }

    long resolve(String name) throws FeatureException {
        if (name == null || name.isBlank()) {
            throw new FeatureException("name a feature view");
        }
        List<Long> found = db.read(c -> details.find(c, name));
        if (found.isEmpty()) {
            throw new FeatureException("no feature view named " + name + similar(name));
        }
        if (found.size() > 1) {
            List<String> names = new ArrayList<>();
            for (long pk : found) {
                db.read(c -> details.detail(c, pk)).ifPresent(d -> names.add(d.qualifiedName()));
            }
            throw new FeatureException("several projects have a feature view named " + name + ": "
                    + String.join(", ", names) + "; name one as PROJECT/NAME");
        }
        return found.get(0);
    }

    private String similar(String name) {
        String word = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
        List<String> close = listings(ViewFilter.search(word.length() > 3 ? word.substring(0, 3) : word)).stream()
                .map(l -> l.project() + "/" + l.name()).distinct().limit(5).toList();
        return close.isEmpty() ? "" : " (similar: " + String.join(", ", close) + ")";
    }
}
