package dev.braid.security;

import dev.braid.artifacts.ArtifactoryDownloads;
import dev.braid.artifacts.ArtifactoryException;
import dev.braid.artifacts.ArtifactoryFile;
import dev.braid.artifacts.ArtifactoryService;
import dev.braid.security.audit.GovernanceAction;
import dev.braid.security.audit.GovernanceLog;
import dev.braid.security.scan.FileFormat;
import dev.braid.security.scan.FileReport;
import dev.braid.security.scan.Finding;
import dev.braid.security.scan.FindingKind;
import dev.braid.security.scan.ModelScanner;
import dev.braid.security.scan.Rating;
import dev.braid.store.Database;
import dev.braid.sync.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Scans the model files an Artifactory source's sync cached (ADR 25): a file whose name is a model
 * format the scanner reads is downloaded on demand into the capped {@link ScanCache} and scanned by
 * content, the result kept per sha256 like MLflow artifacts (ADR 17). Artifactory gives each
 * file's sha256, so a file whose checksum already has a result under the current policy is not
 * downloaded again. The target is recorded under that sha256, so the file's lineage node (a data
 * version ending in it) shows the verdict.
 */
public final class ArtifactoryScans {
    static final String ARTIFACTORY = "artifactory";
    /** File names the scanner reads as model formats (by content; the name only picks what to download). */
    private static final Set<String> MODEL_EXTENSIONS = Set.of("pkl", "pickle", "joblib", "pt", "pth", "ckpt", "bin",
            "h5", "hdf5", "keras", "onnx", "safetensors", "npy", "npz", "zip", "skops", "mar", "tar", "tgz", "gz", "7z",
            "dill", "sav", "model", "pb", "tflite", "gguf");
    private final Database db;
    private final ArtifactoryService artifactory;
    private final ArtifactoryDownloads downloads;
    private final ModelScanner scanner;
    private final ScanCache cache;
    private final GovernanceLog log;
    private final Clock clock;
    private final String braidVersion;
    private final ScanStore store = new ScanStore();

    public ArtifactoryScans(Database db, ArtifactoryService artifactory, ArtifactoryDownloads downloads,
                            ModelScanner scanner, ScanCache cache, GovernanceLog log, Clock clock, String braidVersion) {
        this.db = db;
        this.artifactory = artifactory;
        this.downloads = downloads;
        this.scanner = scanner;
        this.cache = cache;
        this.log = log;
        this.clock = clock;
        this.braidVersion = braidVersion;
    }

    /** The outcome of scanning a source's model files: each scanned file, how many were downloaded, how many skipped. */
    public record Report(String source, List<Scanned> files, int downloaded, int skipped) {
        public Rating rating() {
            return files.stream().map(f -> f.scan().rating()).reduce(Rating.SAFE, Rating::max);
        }
    }

    /** One file and its scan; {@code scan.path()} is {@code repo/path}. */
    public record Scanned(ArtifactoryFile file, FileScan scan, boolean downloaded) {
    }

    /** Whether Braid downloads and scans a file of this name. */
    public static boolean isModelName(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && MODEL_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Scans the model files of {@code source} (of repository {@code repo} only, when given); files
     * whose sha256 has a result already are not downloaded, unless {@code again}.
     *
     * @throws SecurityException when a download fails: nothing is stored for that file, nor for the ones after it
     */
    public Report scan(Source source, String repo, boolean again) throws SecurityException {
        List<Scanned> out = new ArrayList<>();
        int downloaded = 0;
        int skipped = 0;
        for (ArtifactoryFile f : artifactory.files(source)) {
            if (repo != null && !f.repo().equals(repo)) {
                continue;
            }
            if (!isModelName(f.name())) {
                skipped++;
                continue;
            }
            Scanned s = scanOne(source, f, again);
            downloaded += s.downloaded() ? 1 : 0;
            out.add(s);
        }
        Report report = new Report(source.name(), out, downloaded, skipped);
        log.record(GovernanceAction.SCAN, "artifactory:" + source.name() + (repo == null ? "" : "/" + repo),
                report.rating().word(), out.size() + " model file" + (out.size() == 1 ? "" : "s") + ", " + downloaded
                        + " downloaded, " + skipped + " other files");
        return report;
    }

    /** The stored verdict of a file, by the sha256 Artifactory gave, under the current policy. */
    public Optional<FileScan> verdict(ArtifactoryFile f) {
        if (f.sha256() == null) {
            return Optional.empty();
        }
        return db.read(c -> store.result(c, f.sha256().toLowerCase(Locale.ROOT), scanner.policyVersion())
                .map(r -> r.at(f.repo() + "/" + f.path())));
    }

    private Scanned scanOne(Source source, ArtifactoryFile f, boolean again) throws SecurityException {
        String label = f.repo() + "/" + f.path();
        String listed = f.sha256() == null ? null : f.sha256().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        if (!again && listed != null) {
            Optional<ScanStore.Result> known = db.read(c -> store.result(c, listed, scanner.policyVersion()));
            if (known.isPresent()) {
                db.write(c -> {
                    store.saveTarget(c, target(source, f, listed, known.get().size()), now);
                    return null;
                });
                return new Scanned(f, known.get().at(label), false);
            }
        }
        ArtifactoryDownloads.Download download;
        try {
            download = downloads.fetch(source, f);
        } catch (ArtifactoryException e) {
            throw new SecurityException(e.getMessage(), e);
        }
        if (!download.complete()) {
            Finding finding = new Finding("", Rating.UNKNOWN, FindingKind.LIMIT, "", "not scanned: larger than the "
                    + downloads.cap() + "-byte download cap");
            return new Scanned(f, new FileScan(label, listed, f.size() == null ? -1 : f.size(), FileFormat.OTHER.id(),
                    Rating.UNKNOWN, List.of(finding), List.of(), now), true);
        }
        ScanCache.Cached cached;
        try {
            cached = cache.store(new ByteArrayInputStream(download.body()));
        } catch (IOException e) {
            throw new SecurityException("cannot keep " + label + " in the scan cache: " + e.getMessage(), e);
        }
        FileReport raw = scanner.scanFile(cached.file(), false);
        FileReport report = new FileReport(label, cached.sha256(), raw.size(), raw.format(), raw.rating(), raw.imports(),
                raw.findings(), raw.millis());
        db.write(c -> {
            store.saveResult(c, report, scanner.policyVersion(), braidVersion, now);
            store.saveTarget(c, target(source, f, cached.sha256(), report.size()), now);
            return null;
        });
        return new Scanned(f, new FileScan(label, cached.sha256(), report.size(), report.format().id(), report.rating(),
                report.findings(), report.imports(), now), true);
    }

    /** Recorded under the sha256 Artifactory gave (the lineage node's version), else the one Braid computed. */
    private static ScanStore.Target target(Source source, ArtifactoryFile f, String sha, long size) {
        String version = f.sha256() == null ? sha : f.sha256().toLowerCase(Locale.ROOT);
        return new ScanStore.Target(ARTIFACTORY, source.id(), "repo:" + f.repo(), f.path(), version, size, sha);
    }
}
