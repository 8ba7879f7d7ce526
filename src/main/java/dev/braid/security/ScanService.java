package dev.braid.security;

import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.ModelLocation;
import dev.braid.security.audit.GovernanceAction;
import dev.braid.security.audit.GovernanceLog;
import dev.braid.security.scan.FileFormat;
import dev.braid.security.scan.FileReport;
import dev.braid.security.scan.Finding;
import dev.braid.security.scan.FindingKind;
import dev.braid.security.scan.ModelScanner;
import dev.braid.security.scan.Rating;
import dev.braid.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scans the model artifacts of synced MLflow sources and keeps the results in the cache, per
 * content hash: a version's files are listed through the artifact service, fetched on demand into
 * the capped {@link ScanCache} and scanned once per content (a file seen before with the same size
 * is not fetched again). The last complete scan of each version is kept for the window, the
 * command line and the promotion gate; each scan is written to the governance log.
 */
public final class ScanService {
    /** At most this many files of one model version are scanned. */
    public static final int MAX_FILES = 10_000;
    static final String MLFLOW = "mlflow";
    private final Database db;
    private final ArtifactService artifacts;
    private final ModelVersions versions;
    private final ModelScanner scanner;
    private final ScanCache cache;
    private final GovernanceLog log;
    private final Clock clock;
    private final String braidVersion;
    private final ScanStore store = new ScanStore();

    public ScanService(Database db, ArtifactService artifacts, ModelVersions versions, ModelScanner scanner,
                       ScanCache cache, GovernanceLog log, Clock clock, String braidVersion) {
        this.db = db;
        this.artifacts = artifacts;
        this.versions = versions;
        this.scanner = scanner;
        this.cache = cache;
        this.log = log;
        this.clock = clock;
        this.braidVersion = braidVersion;
    }

    public ModelScanner scanner() {
        return scanner;
    }

    /**
     * Scans every file of a model version (only files not seen before, unless {@code again}),
     * stores the results and the version's summary, and returns it with each file.
     */
    public VersionScan scanVersion(VersionRef ref, boolean again) throws SecurityException {
        ModelVersions.Found found = versions.find(ref).orElseThrow(() -> new SecurityException("no cached " + ref.label()
                + " in source " + ref.sourceName() + "; sync it first"));
        ModelLocation location;
        List<ArtifactEntry> entries;
        try {
            location = artifacts.locate(ref.sourceId(), found.version());
            entries = artifacts.files(location, MAX_FILES);
        } catch (ExperimentException e) {
            throw new SecurityException("cannot list the files of " + ref.label() + ": " + e.getMessage(), e);
        }
        List<FileScan> files = new ArrayList<>();
        int fetched = 0;
        for (ArtifactEntry entry : entries) {
            Fetched f = scanFile(location, entry, again);
            fetched += f.fetched() ? 1 : 0;
            files.add(f.scan());
        }
        // A version with no files to read gives Braid nothing to vouch for: unknown, never safe.
        Rating worst = files.stream().map(FileScan::rating).reduce(files.isEmpty() ? Rating.UNKNOWN : Rating.SAFE, Rating::max);
        Instant now = clock.instant();
        String detail = files.size() + " file" + (files.size() == 1 ? "" : "s") + " (" + fetched + " fetched) under "
                + location.owner() + (location.folder().isEmpty() ? "" : "/" + location.folder());
        db.write(c -> {
            store.saveVersionScan(c, ref, location.owner(), location.folder(), worst, files.size(), scanner.policyVersion(), now);
            log.record(c, GovernanceAction.SCAN, ref.nodeId().value(), worst.word(), detail);
            return null;
        });
        return new VersionScan(ref, worst, files.size(), now, true, files);
    }

    /** What is known of a version's files: not scanned, scanned under an older policy, or its rating. */
    public ScanState state(VersionRef ref) {
        return lastScan(ref, false).map(s -> s.current() ? ScanState.of(s.rating()) : ScanState.OUT_OF_DATE)
                .orElse(ScanState.NOT_SCANNED);
    }

    /** The last complete scan of a version, with its files when {@code withFiles}. */
    public Optional<VersionScan> lastScan(VersionRef ref, boolean withFiles) {
        return db.read(c -> {
            Optional<ScanStore.VersionRow> row = store.versionScan(c, ref.sourceId(), ref.model(), ref.version());
            if (row.isEmpty()) {
                return Optional.<VersionScan>empty();
            }
            ScanStore.VersionRow r = row.get();
            boolean current = r.policy().equals(scanner.policyVersion());
            List<FileScan> files = new ArrayList<>();
            if (withFiles) {
                for (ScanStore.Target t : store.targets(c, MLFLOW, ref.sourceId(), r.owner(), r.folder())) {
                    files.add(fileScan(c, t, r.policy()));
                }
            }
            return Optional.of(new VersionScan(ref, r.rating(), r.files(), r.scannedAt(), current, files));
        });
    }

    /** Scans one file of a cached run's artifacts (fetching it unless its content was seen before). */
    public FileScan scanRunFile(long runPk, ArtifactEntry entry) throws SecurityException {
        try {
            ModelLocation location = artifacts.runFolder(runPk, "");
            FileScan scan = scanFile(location, entry, false).scan();
            log.record(GovernanceAction.SCAN, "artifact:" + location.owner() + "/" + entry.path(), scan.rating().word(),
                    scan.sha256() == null ? "not fetched" : "sha256 " + scan.sha256());
            return scan;
        } catch (ExperimentException e) {
            throw new SecurityException(e.getMessage(), e);
        }
    }

    /** The stored scans of a run's artifact files that were scanned (as a version's or on their own), by path. */
    public Map<String, FileScan> runFileScans(long sourceId, String runId) {
        return db.read(c -> {
            Map<String, FileScan> out = new LinkedHashMap<>();
            for (ScanStore.Target t : store.targets(c, MLFLOW, sourceId, "run:" + runId, "")) {
                out.put(t.path(), fileScan(c, t, scanner.policyVersion()));
            }
            return out;
        });
    }

    /** What the scans say about a lineage node: a model version, a run or its artifact, or a DVC data version. */
    public record NodeScan(Rating rating, int files, boolean current, String summary) {
    }

    /**
     * The scan state of the lineage node {@code id}, if anything scanned belongs to it: a model
     * version's last scan, the scanned files of a run or under an artifact path, or the scanned
     * files of a DVC data version (by the md5 DVC recorded) or of an Artifactory file (by its sha256).
     */
    public Optional<NodeScan> nodeScan(dev.braid.lineage.NodeId id, Map<String, Long> sourceIds) {
        String kind = id.kind().id();
        String value = id.value();
        String rest = value.substring(value.indexOf(':') + 1);
        return switch (kind) {
            case "model-version" -> {
                int colon = rest.indexOf(':');
                int slash = rest.lastIndexOf('/');
                Long source = colon < 0 ? null : sourceIds.get(rest.substring(0, colon));
                if (source == null || slash < colon) {
                    yield Optional.empty();
                }
                VersionRef ref = new VersionRef(source, rest.substring(0, colon), rest.substring(colon + 1, slash),
                        rest.substring(slash + 1));
                yield lastScan(ref, false).map(s -> new NodeScan(s.rating(), s.fileCount(), s.current(), s.fileCount()
                        + " file" + (s.fileCount() == 1 ? "" : "s") + " scanned " + s.scannedAt()));
            }
            case "mlflow-run", "artifact" -> {
                int colon = rest.indexOf(':');
                Long source = colon < 0 ? null : sourceIds.get(rest.substring(0, colon));
                if (source == null) {
                    yield Optional.empty();
                }
                String runAndPath = rest.substring(colon + 1);
                String runId = runAndPath.contains("/") ? runAndPath.substring(0, runAndPath.indexOf('/')) : runAndPath;
                String folder = runAndPath.contains("/") ? runAndPath.substring(runAndPath.indexOf('/') + 1) : "";
                yield summarise(db.read(c -> store.targets(c, MLFLOW, source, "run:" + runId, folder)));
            }
            case "dataset-version" -> value.contains("@")
                    ? summarise(db.read(c -> {
                        String version = value.substring(value.lastIndexOf('@') + 1);
                        List<ScanStore.Target> found = new ArrayList<>(store.targetsByVersion(c, DvcScans.DVC, version));
                        found.addAll(store.targetsByVersion(c, ArtifactoryScans.ARTIFACTORY,
                                version.toLowerCase(java.util.Locale.ROOT)));
                        return found;
                    }))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private Optional<NodeScan> summarise(List<ScanStore.Target> targets) {
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        List<FileScan> files = db.read(c -> {
            List<FileScan> out = new ArrayList<>();
            for (ScanStore.Target t : targets) {
                out.add(fileScan(c, t, scanner.policyVersion()));
            }
            return out;
        });
        Rating worst = files.stream().map(FileScan::rating).reduce(Rating.SAFE, Rating::max);
        long bad = files.stream().filter(f -> f.rating() != Rating.SAFE).count();
        return Optional.of(new NodeScan(worst, files.size(), true, files.size() + " scanned file" + (files.size() == 1 ? ""
                : "s") + (bad == 0 ? "" : ", " + bad + " not safe")));
    }

    /** The result stored for a content hash under the current policy. */
    public Optional<FileScan> byHash(String sha256) {
        return db.read(c -> store.result(c, sha256, scanner.policyVersion()).map(r -> r.at("")));
    }

    /** A file fetched (or not) and its scan. */
    private record Fetched(FileScan scan, boolean fetched) {
    }

    private Fetched scanFile(ModelLocation location, ArtifactEntry entry, boolean again) throws SecurityException {
        String policy = scanner.policyVersion();
        Optional<ScanStore.Target> known = db.read(c -> store.target(c, MLFLOW, location.sourceId(), location.owner(),
                entry.path()));
        if (!again && known.isPresent() && sameSize(known.get().size(), entry.size())) {
            Optional<ScanStore.Result> result = db.read(c -> store.result(c, known.get().sha256(), policy));
            if (result.isPresent()) {
                return new Fetched(result.get().at(entry.path()), false);
            }
            Optional<Path> cached = find(known.get().sha256());
            if (cached.isPresent()) {
                return new Fetched(scanAndStore(location, entry, cached.get(), known.get().sha256()), false);
            }
        }
        ScanCache.Cached fetched;
        try (InputStream in = artifacts.openStream(location, entry.path())) {
            fetched = cache.store(in);
        } catch (ScanCache.TooLarge e) {
            return new Fetched(notFetched(entry, e.getMessage()), false);
        } catch (ExperimentException | IOException e) {
            throw new SecurityException("cannot fetch " + entry.path() + " to scan it: " + e.getMessage(), e);
        }
        Optional<ScanStore.Result> seen = again ? Optional.empty() : db.read(c -> store.result(c, fetched.sha256(), policy));
        if (seen.isPresent()) {
            saveTarget(location, entry.path(), fetched.size(), fetched.sha256());
            return new Fetched(seen.get().at(entry.path()), true);
        }
        return new Fetched(scanAndStore(location, entry, fetched.file(), fetched.sha256()), true);
    }

    private FileScan scanAndStore(ModelLocation location, ArtifactEntry entry, Path file, String sha) {
        FileReport raw = scanner.scanFile(file, false);
        // The cache names files by hash: scan under the artifact's own name, which decides nothing but reads better.
        FileReport report = new FileReport(entry.path(), sha, raw.size(), raw.format(), raw.rating(), raw.imports(),
                raw.findings(), raw.millis());
        Instant now = clock.instant();
        db.write(c -> {
            store.saveResult(c, report, scanner.policyVersion(), braidVersion, now);
            store.saveTarget(c, new ScanStore.Target(MLFLOW, location.sourceId(), location.owner(), entry.path(), null,
                    report.size(), sha), now);
            return null;
        });
        return new FileScan(entry.path(), sha, report.size(), report.format().id(), report.rating(), report.findings(),
                report.imports(), now);
    }

    private void saveTarget(ModelLocation location, String path, long size, String sha) {
        db.write(c -> {
            store.saveTarget(c, new ScanStore.Target(MLFLOW, location.sourceId(), location.owner(), path, null, size, sha),
                    clock.instant());
            return null;
        });
    }

    private FileScan notFetched(ArtifactEntry entry, String why) {
        Finding finding = new Finding("", Rating.UNKNOWN, FindingKind.LIMIT, "", "not scanned: " + why);
        return new FileScan(entry.path(), null, entry.size() == null ? -1 : entry.size(), FileFormat.OTHER.id(),
                Rating.UNKNOWN, List.of(finding), List.of(), clock.instant());
    }

    private FileScan fileScan(java.sql.Connection c, ScanStore.Target t, String policy) throws java.sql.SQLException {
        Optional<ScanStore.Result> result = store.result(c, t.sha256(), policy);
        if (result.isPresent()) {
            return result.get().at(t.path());
        }
        Finding stale = new Finding("", Rating.UNKNOWN, FindingKind.UNREADABLE, "", "scanned under an older policy; scan again");
        return new FileScan(t.path(), t.sha256(), t.size() == null ? -1 : t.size(), FileFormat.OTHER.id(), Rating.UNKNOWN,
                List.of(stale), List.of(), Instant.EPOCH);
    }

    private Optional<Path> find(String sha) throws SecurityException {
        try {
            return cache.find(sha);
        } catch (IOException e) {
            throw new SecurityException("cannot read the scan cache: " + e.getMessage(), e);
        }
    }

    private static boolean sameSize(Long known, Long listed) {
        return known != null && listed != null && known.longValue() == listed.longValue();
    }
}
