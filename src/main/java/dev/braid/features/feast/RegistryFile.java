package dev.braid.features.feast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import feast.proto.core.FeatureViewProto.FeatureView;
import feast.proto.core.FeatureViewVersionProto.FeatureViewVersionRecord;
import feast.proto.core.OnDemandFeatureViewProto.OnDemandFeatureView;
import feast.proto.core.RegistryProto.Registry;
import feast.proto.core.StreamFeatureViewProto.StreamFeatureView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Feast file registry ({@code registry.db}: one serialized {@code feast.core.Registry}
 * message) directly, without Feast. Every object is printed into protobuf's JSON mapping and
 * read by {@link FeastJson}, the same code that reads the registry server's answers.
 *
 * <p>A file that does not parse, or parses into something Feast never writes (no schema
 * version; objects without their projects; a view whose current version is missing from the
 * history it records), is refused with a plain-words reason: such a file is usually cut short
 * by a copy or a write still in progress.
 */
public final class RegistryFile {
    /** Larger files are refused rather than read into memory. */
    public static final long MAX_BYTES = 1L << 30;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

    /** Reads {@code file}; throws with the reason when it is missing, unreadable or not a Feast registry. */
    public RegistrySnapshot read(Path file) throws FeastException {
        Registry registry = parse(file);
        check(file, registry);
        List<ProjectInfo> projects = new ArrayList<>();
        for (var p : registry.getProjectsList()) {
            projects.add(FeastJson.project(tree(p)));
        }
        for (var legacy : registry.getProjectMetadataList()) {
            if (projects.stream().noneMatch(p -> p.name().equals(legacy.getProject()))) {
                projects.add(new ProjectInfo(legacy.getProject(), "", "", Map.of(), null, null));
            }
        }
        List<EntityInfo> entities = new ArrayList<>();
        for (var e : registry.getEntitiesList()) {
            EntityInfo entity = FeastJson.entity(e.getSpec().getProject(), tree(e));
            if (entity != null) {
                entities.add(entity);
            }
        }
        List<DataSourceInfo> sources = new ArrayList<>();
        for (var d : registry.getDataSourcesList()) {
            sources.add(FeastJson.dataSource(d.getProject(), tree(d)));
        }
        List<ViewDefinition> views = new ArrayList<>();
        for (FeatureView v : registry.getFeatureViewsList()) {
            views.add(FeastJson.view(v.getSpec().getProject(), ViewKind.BATCH, tree(v)));
        }
        for (StreamFeatureView v : registry.getStreamFeatureViewsList()) {
            views.add(FeastJson.view(v.getSpec().getProject(), ViewKind.STREAM, tree(v)));
        }
        for (OnDemandFeatureView v : registry.getOnDemandFeatureViewsList()) {
            views.add(FeastJson.view(v.getSpec().getProject(), ViewKind.ON_DEMAND, tree(v)));
        }
        List<ServiceInfo> services = new ArrayList<>();
        for (var s : registry.getFeatureServicesList()) {
            services.add(FeastJson.service(s.getSpec().getProject(), tree(s)));
        }
        List<SavedDatasetInfo> saved = new ArrayList<>();
        for (var s : registry.getSavedDatasetsList()) {
            saved.add(FeastJson.savedDataset(s.getSpec().getProject(), tree(s)));
        }
        List<RecordedVersion> history = new ArrayList<>();
        for (FeatureViewVersionRecord r : registry.getFeatureViewVersionHistory().getRecordsList()) {
            RecordedVersion version = version(file, r);
            if (version != null) {
                history.add(version);
            }
        }
        Instant updated = registry.hasLastUpdated() ? Instant.ofEpochSecond(registry.getLastUpdated().getSeconds(),
                registry.getLastUpdated().getNanos()) : null;
        boolean versioned = !history.isEmpty();
        return new RegistrySnapshot(projects, entities, sources, views, services, saved, history, versioned, "", updated);
    }

    private Registry parse(Path file) throws FeastException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw FeastException.transientFailure("the Feast registry " + file + " does not exist (yet)", e);
        } catch (IOException e) {
            throw FeastException.transientFailure("cannot read the Feast registry " + file + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(file)) {
            throw FeastException.permanent(file + " is a folder; give the path of the registry file (registry.db) in it");
        }
        if (size > MAX_BYTES) {
            throw FeastException.permanent("the Feast registry " + file + " is " + size + " bytes, more than Braid reads ("
                    + MAX_BYTES + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit((int) Math.min(Integer.MAX_VALUE, MAX_BYTES));
            Registry registry = Registry.parseFrom(coded);
            coded.checkLastTagWas(0);
            return registry;
        } catch (InvalidProtocolBufferException e) {
            throw FeastException.permanent("the Feast registry " + file + " is damaged or cut short (" + size
                    + " bytes): it is not a complete feast.core.Registry (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw FeastException.transientFailure("cannot read the Feast registry " + file + ": " + e.getMessage(), e);
        }
    }

    /** What Feast always writes; a file without it was cut short at a boundary protobuf cannot see. */
    private static void check(Path file, Registry registry) throws FeastException {
        if (registry.getRegistrySchemaVersion().isEmpty()) {
            throw FeastException.permanent("the file " + file + " is not a Feast registry: it has no registry schema"
                    + " version (an empty file, or a file of another kind)");
        }
        boolean hasObjects = registry.getFeatureViewsCount() + registry.getEntitiesCount() + registry.getDataSourcesCount()
                + registry.getFeatureServicesCount() + registry.getOnDemandFeatureViewsCount()
                + registry.getStreamFeatureViewsCount() > 0;
        if (hasObjects && registry.getProjectsCount() == 0 && registry.getProjectMetadataCount() == 0) {
            throw FeastException.permanent("the Feast registry " + file + " looks cut short: it holds feature"
                    + " definitions but not the list of projects Feast writes after them");
        }
        Set<String> recorded = new HashSet<>();
        for (FeatureViewVersionRecord r : registry.getFeatureViewVersionHistory().getRecordsList()) {
            recorded.add(r.getProjectId() + "\n" + r.getFeatureViewName() + "\n" + r.getVersionNumber());
        }
        if (!recorded.isEmpty()) {
            for (FeatureView v : registry.getFeatureViewsList()) {
                int current = v.getMeta().getCurrentVersionNumber();
                if (current > 0 && !recorded.contains(v.getSpec().getProject() + "\n" + v.getSpec().getName() + "\n" + current)) {
                    throw FeastException.permanent("the Feast registry " + file + " looks cut short or damaged: feature view "
                            + v.getSpec().getName() + " is at version v" + current + " but its version history lacks it");
                }
            }
        }
    }

    private RecordedVersion version(Path file, FeatureViewVersionRecord r) throws FeastException {
        ViewKind kind = ViewKind.fromHistoryType(r.getFeatureViewType());
        if (kind == null) {
            return null; // label views and kinds newer than these protos are not feature views Braid shows
        }
        Message snapshot;
        try {
            snapshot = switch (kind) {
                case BATCH -> FeatureView.parseFrom(r.getFeatureViewProto());
                case STREAM -> StreamFeatureView.parseFrom(r.getFeatureViewProto());
                case ON_DEMAND -> OnDemandFeatureView.parseFrom(r.getFeatureViewProto());
            };
        } catch (InvalidProtocolBufferException e) {
            throw FeastException.permanent("the Feast registry " + file + " is damaged: version v" + r.getVersionNumber()
                    + " of feature view " + r.getFeatureViewName() + " cannot be read (" + e.getMessage() + ")", e);
        }
        Instant created = r.hasCreatedTimestamp()
                ? Instant.ofEpochSecond(r.getCreatedTimestamp().getSeconds(), r.getCreatedTimestamp().getNanos()) : null;
        ViewDefinition definition = FeastJson.view(r.getProjectId(), kind, tree(snapshot));
        return new RecordedVersion(r.getProjectId(), r.getFeatureViewName(), r.getVersionNumber(), created, r.getVersionId(),
                definition);
    }

    private JsonNode tree(MessageOrBuilder message) throws FeastException {
        try {
            return json.readTree(printer.print(message));
        } catch (IOException e) {
            throw FeastException.permanent("a registry object cannot be read: " + e.getMessage(), e);
        }
    }
}
