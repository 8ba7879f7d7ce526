package dev.braid.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.lineage.dvc.DvcEntry;
import dev.braid.lineage.dvc.DvcScanner;
import dev.braid.lineage.dvc.DvcSnapshot;
import dev.braid.lineage.dvc.DvcStage;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.security.audit.GovernanceAction;
import dev.braid.security.audit.GovernanceLog;
import dev.braid.security.scan.FileFormat;
import dev.braid.security.scan.FileReport;
import dev.braid.security.scan.ModelScanner;
import dev.braid.security.scan.Rating;
import dev.braid.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Scans the files DVC tracks in an indexed repository, as its {@code dvc.lock} and {@code .dvc}
 * files at HEAD record them: each output is read from the local DVC cache by its recorded md5
 * ({@code .dvc/cache/files/md5/..} of DVC 3, {@code .dvc/cache/..} of DVC 2; a directory through
 * its {@code .dir} manifest), else from the working tree. Files that are no model format (data
 * tables, images) are recognised by their first bytes and skipped without hashing; model files
 * are hashed, scanned and stored like MLflow artifacts, under the md5 DVC recorded, so the
 * lineage node of that data version shows the verdict.
 */
public final class DvcScans {
    static final String DVC = "dvc";
    private final Database db;
    private final RepositoryService repositories;
    private final ModelScanner scanner;
    private final GovernanceLog log;
    private final Clock clock;
    private final String braidVersion;
    private final ScanStore store = new ScanStore();
    private final ObjectMapper json = new ObjectMapper();

    public DvcScans(Database db, RepositoryService repositories, ModelScanner scanner, GovernanceLog log, Clock clock,
                    String braidVersion) {
        this.db = db;
        this.repositories = repositories;
        this.scanner = scanner;
        this.log = log;
        this.clock = clock;
        this.braidVersion = braidVersion;
    }

    /** The outcome of scanning one repository's DVC-tracked files. */
    public record Report(String repository, String commit, List<FileScan> scanned, List<String> unavailable,
                         int skipped) {
        public Rating rating() {
            return scanned.stream().map(FileScan::rating).reduce(Rating.SAFE, Rating::max);
        }
    }

    /** Scans the DVC-tracked files of the indexed repository {@code name}. */
    public Report scan(String name) throws SecurityException {
        RepoSummary repo = repositories.find(name).orElseThrow(() -> new SecurityException("no indexed repository " + name));
        Path root = Path.of(repo.path());
        Map<String, String> tracked = new LinkedHashMap<>();
        String head;
        try (Repository git = new FileRepositoryBuilder().findGitDir(root.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(git)) {
            ObjectId id = git.resolve("HEAD");
            if (id == null) {
                throw new SecurityException(name + " has no commits");
            }
            head = id.name();
            DvcSnapshot snapshot = new DvcScanner(git).read(walk.parseCommit(id));
            for (DvcStage stage : snapshot.stages()) {
                for (DvcEntry out : stage.outs()) {
                    if (out.hash() != null && !out.hash().isEmpty()) {
                        tracked.put(out.path(), out.hash());
                    }
                }
            }
        } catch (IOException e) {
            throw new SecurityException("cannot read " + name + ": " + e.getMessage(), e);
        }
        List<FileScan> scanned = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        int[] skipped = {0};
        for (Map.Entry<String, String> out : tracked.entrySet()) {
            String md5 = out.getValue();
            if (md5.endsWith(".dir")) {
                directory(root, repo.sourceId(), out.getKey(), md5, scanned, unavailable, skipped);
            } else {
                Path file = locate(root, out.getKey(), md5);
                if (file == null) {
                    unavailable.add(out.getKey());
                } else {
                    scanOne(repo.sourceId(), out.getKey(), md5, file, scanned, skipped);
                }
            }
        }
        Report report = new Report(name, head, scanned, unavailable, skipped[0]);
        log.record(GovernanceAction.SCAN, "repo:" + name, report.rating().word(), scanned.size() + " DVC-tracked model file"
                + (scanned.size() == 1 ? "" : "s") + " at " + head.substring(0, 7) + ", " + skipped[0] + " other files, "
                + unavailable.size() + " not available locally");
        return report;
    }

    private void directory(Path root, long sourceId, String path, String dirHash, List<FileScan> scanned,
                           List<String> unavailable, int[] skipped) {
        Path manifest = cacheFile(root, dirHash);
        if (manifest == null) {
            // Without the manifest, the working tree is all there is.
            Path folder = root.resolve(path);
            if (!Files.isDirectory(folder)) {
                unavailable.add(path + "/");
                return;
            }
            try (var files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    scanOne(sourceId, root.relativize(f).toString().replace('\\', '/'), dirHash, f, scanned, skipped);
                }
            } catch (IOException e) {
                unavailable.add(path + "/");
            }
            return;
        }
        try {
            JsonNode entries = json.readTree(manifest.toFile());
            for (JsonNode e : entries) {
                String rel = path + "/" + e.path("relpath").asText();
                Path file = locate(root, rel, e.path("md5").asText());
                if (file == null) {
                    unavailable.add(rel);
                } else {
                    scanOne(sourceId, rel, dirHash, file, scanned, skipped);
                }
            }
        } catch (IOException e) {
            unavailable.add(path + "/ (unreadable .dir manifest: " + e.getMessage() + ")");
        }
    }

    private void scanOne(long sourceId, String path, String version, Path file, List<FileScan> scanned, int[] skipped) {
        FileReport quick = scanner.scanFile(file, false);
        if (quick.format() == FileFormat.OTHER && quick.findings().isEmpty()) {
            skipped[0]++;
            return;
        }
        String sha;
        try {
            sha = ModelScanner.sha256(file);
        } catch (IOException e) {
            return;
        }
        FileReport report = new FileReport(path, sha, quick.size(), quick.format(), quick.rating(), quick.imports(),
                quick.findings(), quick.millis());
        Instant now = clock.instant();
        db.write(c -> {
            store.saveResult(c, report, scanner.policyVersion(), braidVersion, now);
            store.saveTarget(c, new ScanStore.Target(DVC, sourceId, "repo:" + sourceId, path, version, report.size(), sha), now);
            return null;
        });
        scanned.add(new FileScan(path, sha, report.size(), report.format().id(), report.rating(), report.findings(),
                report.imports(), now));
    }

    /** The file with this md5: in the DVC cache (3.x, then 2.x layout), else the working tree's copy. */
    private static Path locate(Path root, String path, String md5) {
        Path cached = cacheFile(root, md5);
        if (cached != null) {
            return cached;
        }
        Path workspace = root.resolve(path).normalize();
        return workspace.startsWith(root) && Files.isRegularFile(workspace) ? workspace : null;
    }

    private static Path cacheFile(Path root, String md5) {
        if (md5 == null || md5.length() < 3) {
            return null;
        }
        for (Path cache : List.of(root.resolve(".dvc/cache/files/md5"), root.resolve(".dvc/cache"))) {
            Path file = cache.resolve(md5.substring(0, 2)).resolve(md5.substring(2));
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}
