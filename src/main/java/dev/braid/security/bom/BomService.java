package dev.braid.security.bom;

import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunDetail;
import dev.braid.lineage.InheritedLabel;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.Subgraph;
import dev.braid.security.ModelVersions;
import dev.braid.security.ScanService;
import dev.braid.security.SecurityException;
import dev.braid.security.VersionRef;
import dev.braid.security.VersionScan;
import dev.braid.security.audit.GovernanceAction;
import dev.braid.security.audit.GovernanceLog;
import dev.braid.security.env.Environment;
import dev.braid.security.env.EnvironmentService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * CycloneDX 1.6 ML bills of materials for model versions ({@code braid bom}, the window's export
 * button): the model with its model card (its datasets, the metrics of the run that made it, its
 * framework), its files with their hashes and scan verdicts, the code commit it came from, the
 * datasets and feature versions it was trained on (from lineage, with their versions, hashes and
 * sensitivity labels), the Python packages it needs with package URLs, and dependencies that
 * follow the lineage graph. Built with the CycloneDX Java library.
 */
public final class BomService {
    /** How far upstream of a model version lineage is followed. */
    static final int DEPTH = 16;
    private final ModelVersions versions;
    private final ExperimentService experiments;
    private final LineageService lineage;
    private final ScanService scans;
    private final EnvironmentService environments;
    private final FeatureVersions features;
    private final GovernanceLog log;
    private final Clock clock;
    private final String braidVersion;

    public BomService(ModelVersions versions, ExperimentService experiments, LineageService lineage, ScanService scans,
                      EnvironmentService environments, FeatureVersions features, GovernanceLog log, Clock clock,
                      String braidVersion) {
        this.versions = versions;
        this.experiments = experiments;
        this.lineage = lineage;
        this.scans = scans;
        this.environments = environments;
        this.features = features;
        this.log = log;
        this.clock = clock;
        this.braidVersion = braidVersion;
    }

    /** The BOM of a version. Offline, the Python packages are left out and a property says why. */
    public Bom build(VersionRef ref) throws SecurityException {
        ModelVersions.Found found = versions.find(ref).orElseThrow(() -> new SecurityException("no cached " + ref.label()));
        Optional<RunDetail> run = found.version().runId() == null ? Optional.empty()
                : experiments.run(ref.sourceId(), found.version().runId());
        Optional<VersionScan> scan = scans.lastScan(ref, true);
        Environment environment = null;
        String environmentProblem = null;
        try {
            environment = environments.ofVersion(ref);
        } catch (SecurityException e) {
            environmentProblem = e.getMessage();
        }
        String serverUri = experiments.sources().stream().filter(s -> s.id() == ref.sourceId()).map(s -> s.config("uri"))
                .findFirst().orElse(null);
        Subgraph upstream = lineage.neighbourhood(ref.nodeId(), DEPTH, 0, null);
        List<InheritedLabel> labels = lineage.labels(ref.nodeId(), null);

        BomModel model = new BomModel(ref, found, run, scan, environment, environmentProblem, serverUri, labels);
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(clock.instant()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("braid");
        tool.setVersion(braidVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component modelComponent = model.component();
        metadata.setComponent(modelComponent);
        bom.setMetadata(metadata);
        LineageComponents graph = new LineageComponents(upstream, ref.nodeId(), lineage);
        List<Component> components = new ArrayList<>(graph.dataComponents());
        components.addAll(BomFeatures.components(features.featuresOf(ref)));
        components.addAll(model.libraries());
        bom.setComponents(components);
        model.cardDatasets(graph.nearestData(ref.nodeId()), BomFeatures.refs(features.featuresOf(ref)));
        model.pedigree(graph.commits());
        bom.setDependencies(graph.dependencies(modelComponent.getBomRef(), model.libraryRefs(),
                BomFeatures.refs(features.featuresOf(ref))));
        return bom;
    }

    /** The BOM as CycloneDX 1.6 JSON. */
    public String json(VersionRef ref) throws SecurityException {
        return json(build(ref));
    }

    /** Writes the BOM of {@code ref} to {@code file} and records the export in the governance log. */
    public Path write(VersionRef ref, Path file) throws SecurityException {
        String json = json(ref);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new SecurityException("cannot write " + file + ": " + e.getMessage(), e);
        }
        log.record(GovernanceAction.BOM_EXPORTED, ref.nodeId().value(), "cyclonedx-1.6", file.toAbsolutePath().toString());
        return file;
    }

    static String json(Bom bom) throws SecurityException {
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new SecurityException("cannot write the BOM as JSON: " + e.getMessage(), e);
        }
    }
}
