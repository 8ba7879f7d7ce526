package dev.braid.features.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves what one consumer recorded (feature references, feature services, saved datasets,
 * data locations) into uses of view versions, following docs/decisions/0012: a pinned reference
 * is that version; any other is the version the view was at when the run started.
 */
final class RunUsage {
    private final CatalogueIndex index;
    private final Long runPk;
    private final String nodeId;
    private final Instant startedAt;
    private String projectHint;
    private final Map<String, UseRow> uses = new LinkedHashMap<>();

    RunUsage(CatalogueIndex index, Long runPk, String nodeId, Instant startedAt) {
        this.index = index;
        this.runPk = runPk;
        this.nodeId = nodeId;
        this.startedAt = startedAt;
    }

    void projectHint(String project) {
        this.projectHint = project == null || project.isBlank() ? null : project.strip();
    }

    /** A value naming a feature service ({@code name} or {@code project/name}). */
    boolean service(String value, String via) {
        String name = value.strip();
        String project = projectHint;
        int slash = name.indexOf('/');
        if (slash > 0) {
            project = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        boolean found = false;
        for (CatalogueIndex.Service s : index.servicesByName.getOrDefault(name, List.of())) {
            if (project != null && !project.equals(s.project())) {
                continue;
            }
            for (CatalogueIndex.Served served : s.views()) {
                found |= use(s.project(), served.view(), served.pinned() == null ? null : "v" + served.pinned(), null, via,
                        value.strip());
            }
        }
        return found;
    }

    /** A value listing feature references; true when every one names a known view (and feature). */
    boolean refs(List<FeatureRef> refs, String via, String evidence) {
        if (refs.isEmpty() || !refs.stream().allMatch(this::known)) {
            return false;
        }
        for (FeatureRef ref : refs) {
            use(projectHint, ref.view(), ref.version(), ref.feature(), via, evidence);
        }
        return true;
    }

    /** A saved dataset, by name, or found by its storage location. */
    boolean savedDataset(CatalogueIndex.SavedDataset saved, String via, String evidence) {
        String hint = projectHint;
        projectHint = saved.project();
        boolean found = false;
        if (!saved.service().isEmpty()) {
            found = service(saved.project() + "/" + saved.service(), via + " (its feature service)");
        }
        for (String text : saved.features()) {
            Optional<FeatureRef> ref = FeatureRef.parse(text);
            if (ref.isPresent() && known(ref.get())) {
                found |= use(saved.project(), ref.get().view(), ref.get().version(), ref.get().feature(), via, evidence);
            }
        }
        projectHint = hint;
        return found;
    }

    /** A saved dataset by name (in the hinted project, if any); true when one was found. */
    boolean savedDatasetNamed(String name, String via, String evidence) {
        boolean found = false;
        for (CatalogueIndex.SavedDataset saved : index.savedByName.getOrDefault(name, List.of())) {
            if (projectHint == null || projectHint.equals(saved.project())) {
                found |= savedDataset(saved, via, evidence);
            }
        }
        return found;
    }

    /** A view whose data the run read directly. */
    boolean view(CatalogueIndex.View view, String via, String evidence) {
        return use(view.project(), view.name(), null, null, via, evidence);
    }

    private boolean known(FeatureRef ref) {
        for (CatalogueIndex.View v : candidates(projectHint, ref.view())) {
            boolean versionOk = ref.version() == null || v.version(ref.version()) != null;
            boolean featureOk = ref.feature() == null || (ref.version() == null ? v.hasFeature(ref.feature())
                    : v.version(ref.version()).fields().contains(ref.feature()));
            if (versionOk && featureOk) {
                return true;
            }
        }
        return false;
    }

    private List<CatalogueIndex.View> candidates(String project, String view) {
        List<CatalogueIndex.View> out = new ArrayList<>();
        for (CatalogueIndex.View v : index.viewsByName.getOrDefault(view, List.of())) {
            if (project == null || project.equals(v.project())) {
                out.add(v);
            }
        }
        return out;
    }

    private boolean use(String project, String view, String version, String feature, String via, String evidence) {
        boolean found = false;
        for (CatalogueIndex.View v : candidates(project, view)) {
            CatalogueIndex.Version used = version == null ? v.at(startedAt) : v.version(version);
            if (used == null) {
                continue;
            }
            String key = v.pk() + "\n" + used.label();
            UseRow before = uses.get(key);
            boolean pinned = version != null;
            if (before == null || pinned && !before.pinned()) {
                uses.put(key, new UseRow(v.pk(), used.label(), runPk, nodeId,
                        startedAt == null ? null : startedAt.toEpochMilli(), via, evidence, pinned));
            }
            found = true;
        }
        return found;
    }

    List<UseRow> uses() {
        return List.copyOf(uses.values());
    }
}
