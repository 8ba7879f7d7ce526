package dev.braid.demo;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.braid.features.git.FirstParentHistory;
import dev.braid.sync.SafeYaml;
import feast.proto.core.DataSourceProto.DataSource;
import feast.proto.core.EntityProto.Entity;
import feast.proto.core.EntityProto.EntityMeta;
import feast.proto.core.EntityProto.EntitySpecV2;
import feast.proto.core.FeatureProto.FeatureSpecV2;
import feast.proto.core.FeatureReferenceProto.FeatureViewProjection;
import feast.proto.core.FeatureServiceProto.FeatureService;
import feast.proto.core.FeatureServiceProto.FeatureServiceMeta;
import feast.proto.core.FeatureServiceProto.FeatureServiceSpec;
import feast.proto.core.FeatureViewProto.FeatureView;
import feast.proto.core.FeatureViewProto.FeatureViewMeta;
import feast.proto.core.FeatureViewProto.FeatureViewSpec;
import feast.proto.core.FeatureViewVersionProto.FeatureViewVersionHistory;
import feast.proto.core.FeatureViewVersionProto.FeatureViewVersionRecord;
import feast.proto.core.ProjectProto.Project;
import feast.proto.core.ProjectProto.ProjectMeta;
import feast.proto.core.ProjectProto.ProjectSpec;
import feast.proto.core.RegistryProto.Registry;
import feast.proto.types.ValueProto.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Writes the {@code registry.db} the demo team's CI would have left by running {@code feast apply}
 * after every commit on {@code main} that changed the feature repository: the protobuf Feast 0.67
 * writes, with its version history. Each apply follows Feast's rules: a new view is v0; a change
 * of its fields makes the next version; a TTL or owner change is applied in place (and, as Feast
 * does, resets the number the view reports). Applies happen 25 minutes after their commit.
 */
final class DemoFeatureRegistry {
    static final long APPLY_DELAY_MS = 25 * 60_000L;

    /** One view as the registry holds it: its current message, number and the first time it was applied. */
    private static final class Applied {
        FeatureView current;
        int version;
        long created;
    }

    private final Map<String, Applied> views = new LinkedHashMap<>();
    private final List<FeatureViewVersionRecord> history = new ArrayList<>();
    private long first = -1;
    private long last;

    /** Writes {@code <workTree>/feature_repo/data/registry.db}; returns its path, or null when main never had a feature repository. */
    static Path write(Path workTree) throws IOException {
        DemoFeatureRegistry registry = new DemoFeatureRegistry();
        try (Git git = Git.open(workTree.toFile())) {
            Repository repository = git.getRepository();
            for (RevCommit commit : FirstParentHistory.touching(repository, repository.resolve(Constants.HEAD),
                    List.of(DemoFeast.FOLDER), Integer.MAX_VALUE)) {
                registry.apply(DemoFeast.views(groups(repository, commit)), commit.getCommitTime() * 1000L + APPLY_DELAY_MS);
            }
        }
        if (registry.first < 0) {
            return null;
        }
        Path file = workTree.resolve(DemoFeast.FOLDER).resolve("data/registry.db");
        Files.createDirectories(file.getParent());
        Files.write(file, registry.build().toByteArray());
        return file;
    }

    /** The feature groups ({@code features/*.yaml}) at {@code commit}, as {@link DemoFeast#groups} gives them. */
    private static Map<String, Map<String, String>> groups(Repository repository, RevCommit commit) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (TreeWalk tw = new TreeWalk(repository)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create("features"));
            while (tw.next()) {
                String text = new String(repository.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                Map<String, Object> yaml;
                try {
                    yaml = SafeYaml.standard().loadMapping(tw.getPathString(), text);
                } catch (SafeYaml.UnreadableYamlException e) {
                    throw new IOException(e.getMessage(), e);
                }
                Map<String, String> facts = new LinkedHashMap<>();
                for (Object f : (List<?>) yaml.getOrDefault("features", List.of())) {
                    Map<?, ?> feature = (Map<?, ?>) f;
                    facts.put(String.valueOf(feature.get("name")), String.valueOf(feature.get("version")));
                }
                facts.put("ttl_days", String.valueOf(yaml.getOrDefault("ttl_days", "30")));
                facts.put("owner", String.valueOf(yaml.getOrDefault("owner", "")));
                out.put(String.valueOf(yaml.get("group")), facts);
            }
        }
        return out;
    }

    private void apply(List<DemoFeast.View> now, long at) {
        first = first < 0 ? at : first;
        last = at;
        for (DemoFeast.View v : now) {
            Applied known = views.get(v.name());
            if (known == null) {
                Applied fresh = new Applied();
                fresh.created = at;
                fresh.current = view(v, at, at, 0);
                views.put(v.name(), fresh);
                record(v.name(), 0, fresh.current, at);
            } else if (!known.current.getSpec().getFeaturesList().equals(view(v, known.created, at, 0).getSpec().getFeaturesList())) {
                known.version++;
                known.current = view(v, known.created, at, known.version);
                record(v.name(), known.version, known.current, at);
            } else {
                FeatureView updated = view(v, known.created, at, 0);
                if (!updated.getSpec().equals(known.current.getSpec())) {
                    known.current = updated; // applied in place; Feast 0.67 resets the reported number
                }
            }
        }
    }

    private void record(String view, int number, FeatureView snapshot, long at) {
        history.add(FeatureViewVersionRecord.newBuilder().setFeatureViewName(view).setProjectId(DemoFeast.PROJECT)
                .setVersionNumber(number).setFeatureViewType("feature_view").setFeatureViewProto(ByteString.copyFrom(snapshot.toByteArray()))
                .setCreatedTimestamp(time(at)).setVersionId(uuid(view + "@" + number)).build());
    }

    private static FeatureView view(DemoFeast.View v, long created, long updated, int number) {
        FeatureViewSpec.Builder spec = FeatureViewSpec.newBuilder().setName(v.name()).setProject(DemoFeast.PROJECT)
                .addEntities("customer").setTtl(Duration.newBuilder().setSeconds(v.ttlDays() * 86_400L))
                .setBatchSource(source(v.name())).setOnline(true).setOwner(v.owner()).putTags("team", "retention")
                .setVersion("latest").addEntityColumns(FeatureSpecV2.newBuilder().setName("customer_id").setValueType(ValueType.Enum.INT64));
        for (DemoFeature f : v.features()) {
            spec.addFeatures(FeatureSpecV2.newBuilder().setName(f.name()).setDescription(f.description())
                    .setValueType(f.dtype().equals("int64") ? ValueType.Enum.INT64 : ValueType.Enum.DOUBLE));
        }
        return FeatureView.newBuilder().setSpec(spec).setMeta(FeatureViewMeta.newBuilder().setCreatedTimestamp(time(created))
                .setLastUpdatedTimestamp(time(updated)).setCurrentVersionNumber(number)).build();
    }

    private static DataSource source(String view) {
        return DataSource.newBuilder().setName(view).setProject(DemoFeast.PROJECT).setType(DataSource.SourceType.BATCH_FILE)
                .setTimestampField("snapshot_date").setDataSourceClassType("feast.infra.offline_stores.file_source.FileSource")
                .setFileOptions(DataSource.FileOptions.newBuilder().setUri("data/" + view + ".parquet")).build();
    }

    private Registry build() {
        Registry.Builder r = Registry.newBuilder().setRegistrySchemaVersion("1").setVersionId(uuid("registry@" + last))
                .setLastUpdated(time(last));
        r.addProjects(Project.newBuilder().setSpec(ProjectSpec.newBuilder().setName(DemoFeast.PROJECT)
                .setDescription("Features of the churn model")).setMeta(ProjectMeta.newBuilder().setCreatedTimestamp(time(first))
                .setLastUpdatedTimestamp(time(first))));
        r.addEntities(Entity.newBuilder().setSpec(EntitySpecV2.newBuilder().setName("customer").setProject(DemoFeast.PROJECT)
                .setValueType(ValueType.Enum.INT64).setJoinKey("customer_id").setDescription("A paying customer account"))
                .setMeta(EntityMeta.newBuilder().setCreatedTimestamp(time(first)).setLastUpdatedTimestamp(time(first))));
        FeatureServiceSpec.Builder all = FeatureServiceSpec.newBuilder().setName(DemoFeast.SERVICE).setProject(DemoFeast.PROJECT);
        for (Applied a : views.values()) {
            r.addDataSources(source(a.current.getSpec().getName()));
            r.addFeatureViews(a.current);
            all.addFeatures(FeatureViewProjection.newBuilder().setFeatureViewName(a.current.getSpec().getName())
                    .addAllFeatureColumns(a.current.getSpec().getFeaturesList()).setViewType("featureView"));
        }
        r.addFeatureServices(FeatureService.newBuilder().setSpec(all)
                .setMeta(FeatureServiceMeta.newBuilder().setCreatedTimestamp(time(first)).setLastUpdatedTimestamp(time(last))));
        Applied profile = views.get("customer_profile");
        if (profile != null) {
            FeatureViewProjection.Builder pinned = FeatureViewProjection.newBuilder().setFeatureViewName("customer_profile")
                    .setVersionTag(0).setViewType("featureView");
            profile.current.getSpec().getFeaturesList().stream()
                    .filter(f -> f.getName().equals("tenure_months") || f.getName().equals("seats")).forEach(pinned::addFeatureColumns);
            r.addFeatureServices(FeatureService.newBuilder().setSpec(FeatureServiceSpec.newBuilder()
                    .setName(DemoFeast.BASELINE_SERVICE).setProject(DemoFeast.PROJECT).addFeatures(pinned))
                    .setMeta(FeatureServiceMeta.newBuilder().setCreatedTimestamp(time(first)).setLastUpdatedTimestamp(time(first))));
        }
        r.setFeatureViewVersionHistory(FeatureViewVersionHistory.newBuilder().addAllRecords(history));
        return r.build();
    }

    private static Timestamp time(long millis) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000)).setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("braid-demo-feast:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
