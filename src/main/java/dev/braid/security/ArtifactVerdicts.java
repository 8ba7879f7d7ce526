package dev.braid.security;

import dev.braid.experiments.ArtifactEntry;
import dev.braid.experiments.ArtifactScans;
import dev.braid.experiments.ArtifactService;
import dev.braid.experiments.ModelLocation;
import dev.braid.security.scan.Finding;
import java.util.Optional;

/** Scan verdicts of run artifacts for the artifact tree, from the results stored per content hash. */
public final class ArtifactVerdicts implements ArtifactScans {
    private final ScanService scans;
    private final ArtifactService artifacts;

    public ArtifactVerdicts(ScanService scans, ArtifactService artifacts) {
        this.scans = scans;
        this.artifacts = artifacts;
    }

    @Override
    public Optional<Verdict> known(long runPk, String path) {
        try {
            ModelLocation run = artifacts.runFolder(runPk, "");
            return Optional.ofNullable(scans.runFileScans(run.sourceId(), run.runId()).get(path)).map(ArtifactVerdicts::of);
        } catch (dev.braid.experiments.ExperimentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Verdict scan(long runPk, ArtifactEntry entry) throws Exception {
        return of(scans.scanRunFile(runPk, entry));
    }

    static Verdict of(FileScan scan) {
        String summary = scan.findings().isEmpty() ? "nothing found (" + scan.format() + ")"
                : worst(scan) + (scan.findings().size() > 1 ? " (and " + (scan.findings().size() - 1) + " more)" : "");
        return new Verdict(scan.rating().word(), summary);
    }

    private static String worst(FileScan scan) {
        Finding f = scan.findings().get(0);
        return (f.location().isEmpty() ? "" : f.location() + ": ") + f.message();
    }
}
