package dev.braid.bench;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import feast.proto.core.DataSourceProto.DataSource;
import feast.proto.core.EntityProto.Entity;
import feast.proto.core.EntityProto.EntityMeta;
import feast.proto.core.EntityProto.EntitySpecV2;
import feast.proto.core.FeatureProto.FeatureSpecV2;
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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes a Feast file registry ({@code registry.db}) of VIEWS batch feature views with FEATURES
 * features each, every view with VERSIONS entries in Feast's own version history (each version
 * retypes one feature and changes the TTL, so consecutive versions differ), one project, one entity
 * and one file source. Usage: FeastRegistryGenerator OUT_FILE VIEWS FEATURES VERSIONS
 */
public final class FeastRegistryGenerator {
    static final String PROJECT = "bench";

    private FeastRegistryGenerator() {
    }

    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    static void write(Path out, int views, int features, int versions) throws Exception {
        long base = 1_767_225_600L; // 2026-01-01
        Timestamp created = Timestamp.newBuilder().setSeconds(base).build();
        DataSource source = DataSource.newBuilder().setName("bench_source").setProject(PROJECT).setType(DataSource.SourceType.BATCH_FILE)
                .setTimestampField("event_timestamp")
                .setFileOptions(DataSource.FileOptions.newBuilder().setUri("data/bench.parquet")).build();
        Registry.Builder registry = Registry.newBuilder().setRegistrySchemaVersion("1").setVersionId(UUID.randomUUID().toString())
                .setLastUpdated(created)
                .addProjects(Project.newBuilder().setSpec(ProjectSpec.newBuilder().setName(PROJECT))
                        .setMeta(ProjectMeta.newBuilder().setCreatedTimestamp(created).setLastUpdatedTimestamp(created)))
                .addEntities(Entity.newBuilder().setSpec(EntitySpecV2.newBuilder().setName("customer").setProject(PROJECT)
                        .setJoinKey("customer_id").setValueType(ValueType.Enum.INT64))
                        .setMeta(EntityMeta.newBuilder().setCreatedTimestamp(created).setLastUpdatedTimestamp(created)))
                .addDataSources(source);
        FeatureViewVersionHistory.Builder history = FeatureViewVersionHistory.newBuilder();
        for (int v = 0; v < views; v++) {
            String name = "view_" + v;
            FeatureView current = null;
            for (int k = 1; k <= versions; k++) {
                Timestamp at = Timestamp.newBuilder().setSeconds(base + k * 86_400L + v).build();
                FeatureViewSpec.Builder spec = FeatureViewSpec.newBuilder().setName(name).setProject(PROJECT).addEntities("customer")
                        .addEntityColumns(FeatureSpecV2.newBuilder().setName("customer_id").setValueType(ValueType.Enum.INT64))
                        .setTtl(Duration.newBuilder().setSeconds(86_400L * k)).setBatchSource(source).setOnline(true)
                        .setOwner("team-" + (v % 20) + "@example.com").putTags("team", "team-" + (v % 20));
                for (int f = 0; f < features; f++) {
                    // Version k retypes feature k-1: each version differs from the one before.
                    ValueType.Enum type = f < k - 1 ? ValueType.Enum.DOUBLE : ValueType.Enum.FLOAT;
                    spec.addFeatures(FeatureSpecV2.newBuilder().setName("f_" + f).setValueType(type));
                }
                FeatureView view = FeatureView.newBuilder().setSpec(spec).setMeta(FeatureViewMeta.newBuilder()
                        .setCreatedTimestamp(created).setLastUpdatedTimestamp(at).setCurrentVersionNumber(k)
                        .setVersionId(UUID.randomUUID().toString())).build();
                history.addRecords(FeatureViewVersionRecord.newBuilder().setFeatureViewName(name).setProjectId(PROJECT)
                        .setVersionNumber(k).setFeatureViewType("feature_view").setFeatureViewProto(view.toByteString())
                        .setCreatedTimestamp(at).setVersionId(view.getMeta().getVersionId()));
                current = view;
            }
            registry.addFeatureViews(current);
        }
        registry.setFeatureViewVersionHistory(history);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            registry.build().writeTo(o);
        }
    }
}
