package dev.braid.security;

import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ExperimentService;
import dev.braid.experiments.RunEditService;
import dev.braid.lineage.LineageService;
import dev.braid.repos.RepositoryService;
import dev.braid.security.audit.AuditTrail;
import dev.braid.security.audit.GovernanceLog;
import dev.braid.security.bom.BomService;
import dev.braid.security.bom.FeatureVersions;
import dev.braid.security.env.EnvironmentService;
import dev.braid.security.scan.ModelScanner;
import dev.braid.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The security and governance services, built together from the parts they read: scanning,
 * the promotion gate, and the governance log. Built on first use (most commands never need them).
 */
public final class SecurityServices {
    private final GovernanceLog log;
    private final ModelVersions versions;
    private final ScanService scans;
    private final PromotionService promotion;
    private final AuditTrail audit;
    private final EnvironmentService environments;
    private final BomService boms;
    private final DvcScans dvc;
    private final LineageService lineage;
    private final LineageVerdicts lineageVerdicts;
    private final ArtifactVerdicts artifactVerdicts;
    private final Database db;
    private final ScanCache cache;
    private final Clock clock;
    private final String braidVersion;

    /**
     * @param scanCache where model files fetched for scanning are kept, at most {@code cacheCap} bytes
     * @param actor     who Braid acts for (written into the governance log)
     */
    public SecurityServices(Database db, ExperimentService experiments, ArtifactService artifacts, RunEditService edits,
                            LineageService lineage, RepositoryService repositories, Path scanCache, long cacheCap,
                            Clock clock, String actor, String braidVersion) {
        this(db, experiments, artifacts, edits, lineage, repositories, scanCache, cacheCap, clock, actor, braidVersion,
                FeatureVersions.NONE);
    }

    /** @param features the feature versions a model version was trained on, for its bill of materials */
    public SecurityServices(Database db, ExperimentService experiments, ArtifactService artifacts, RunEditService edits,
                            LineageService lineage, RepositoryService repositories, Path scanCache, long cacheCap,
                            Clock clock, String actor, String braidVersion, FeatureVersions features) {
        this.log = new GovernanceLog(db, clock, actor);
        this.versions = new ModelVersions(experiments);
        this.db = db;
        this.cache = new ScanCache(scanCache, cacheCap);
        this.clock = clock;
        this.braidVersion = braidVersion;
        this.scans = new ScanService(db, artifacts, versions, ModelScanner.standard(), cache,
                log, clock, braidVersion);
        this.promotion = new PromotionService(edits, scans, log);
        this.audit = new AuditTrail(db, lineage);
        this.environments = new EnvironmentService(db, artifacts, versions, repositories, clock);
        this.lineage = lineage;
        this.lineageVerdicts = new LineageVerdicts(scans, experiments);
        this.artifactVerdicts = new ArtifactVerdicts(scans, artifacts);
        this.dvc = new DvcScans(db, repositories, scans.scanner(), log, clock, braidVersion);
        this.boms = new BomService(versions, experiments, lineage, scans, environments, features, log, clock,
                braidVersion);
    }

    /** Scan verdicts as rows of the lineage explorer's details panel. */
    public LineageVerdicts lineageVerdicts() {
        return lineageVerdicts;
    }

    /** Scan verdicts of a run's artifact files, for the artifact tree. */
    public ArtifactVerdicts artifactVerdicts() {
        return artifactVerdicts;
    }

    /** The sensitivity labels a model version carries, its own and those inherited from upstream (such as PII). */
    public java.util.List<dev.braid.lineage.InheritedLabel> labels(VersionRef version) {
        return lineage.labels(version.nodeId(), null);
    }

    /** Scans of the files DVC tracks in indexed repositories. */
    public DvcScans dvc() {
        return dvc;
    }

    /** Scans of the model files of Artifactory sources, downloaded with {@code downloads} into the same capped cache. */
    public ArtifactoryScans artifactory(dev.braid.artifacts.ArtifactoryService artifactory,
                                        dev.braid.artifacts.ArtifactoryDownloads downloads) {
        return new ArtifactoryScans(db, artifactory, downloads, scans.scanner(), cache, log, clock, braidVersion);
    }

    /** CycloneDX 1.6 ML bills of materials of model versions. */
    public BomService boms() {
        return boms;
    }

    /** Model and serving environments, and their differences. */
    public EnvironmentService environments() {
        return environments;
    }

    /** Write-backs and governance events, filtered and exported. */
    public AuditTrail audit() {
        return audit;
    }

    public GovernanceLog log() {
        return log;
    }

    /** Finds model versions by the ids people type. */
    public ModelVersions versions() {
        return versions;
    }

    /** Scans of MLflow model artifacts, stored per content hash. */
    public ScanService scans() {
        return scans;
    }

    /** Setting aliases, gated by the scan, with explicit overrides. */
    public PromotionService promotion() {
        return promotion;
    }
}
