package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.security.ArtifactoryScans;
import dev.braid.security.SecurityException;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid artifactory scan NAME [--repo KEY] [--again] [--json] [--fail-on RATING]}. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scans the model files (pickle, joblib, PyTorch, Keras, ONNX, safetensors, NumPy, archives ...) an",
                "Artifactory source's last sync cached: downloads them with the source's credentials (into the capped",
                "scan cache) and scans them without loading them. The result is kept per sha256, so a file whose",
                "checksum was scanned before is not downloaded again; it shows on the file's lineage node and in",
                "'artifactory files --json'."})
final class ArtifactoryScanCommand implements Callable<Integer> {
    @ParentCommand
    private ArtifactoryCommand artifactory;

    @Mixin
    private ArtifactorySourceName source;

    @Option(names = "--repo", paramLabel = "KEY", description = "Only this repository's files.")
    private String repo;

    @Option(names = "--again", description = "Download and scan every model file again, even ones seen before.")
    private boolean again;

    @Option(names = "--json", description = "Print one JSON object per file (JSON Lines).")
    private boolean json;

    @Mixin
    private FailOnOption failOn;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        failOn.threshold();
        CliEnvironment env = artifactory.root().environment();
        try (AppContext context = artifactory.root().openContext()) {
            ArtifactoryScans.Report report;
            try {
                report = context.artifactoryScans().scan(source.in(context), repo, again);
            } catch (SecurityException e) {
                env.err().println("cannot scan " + source.name() + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            if (json) {
                JsonOutput out = new JsonOutput(env.data());
                for (ArtifactoryScans.Scanned s : report.files()) {
                    Map<String, Object> line = ScanOutput.json(s.scan(), false);
                    line.put("repo", s.file().repo());
                    line.put("path", s.file().path());
                    line.put("downloaded", s.downloaded());
                    out.line(line);
                }
            } else {
                env.out().printf("%-10s  %s  (%d model file%s, %d downloaded, %d other files)%n", report.rating().word(),
                        source.name(), report.files().size(), report.files().size() == 1 ? "" : "s", report.downloaded(),
                        report.skipped());
                for (ArtifactoryScans.Scanned s : report.files()) {
                    ScanOutput.print(env.out(), "    ", s.scan(), s.downloaded() ? "" : "  (seen before)");
                }
            }
            return failOn.exitCode(report.rating());
        }
    }
}
