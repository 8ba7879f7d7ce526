package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.security.FileScan;
import dev.braid.security.SecurityException;
import dev.braid.security.SecurityServices;
import dev.braid.security.VersionRef;
import dev.braid.security.VersionScan;
import dev.braid.security.scan.Rating;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid models scan [MODEL_VERSION_ID...] [--all] [--again] [--json] [--fail-on RATING]}. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scans the files of cached model versions: fetches them from their MLflow source (into a capped",
                "cache, once per content) and scans them without loading them. The result is kept per content hash and",
                "shown on the model version, its run's artifacts and its lineage node; setting an alias needs it.",
                "MODEL_VERSION_ID: MODEL/VERSION, SOURCE:MODEL/VERSION, model-version:SOURCE:MODEL/VERSION or",
                "models:/MODEL@ALIAS."})
final class ModelsScanCommand implements Callable<Integer> {
    @ParentCommand
    private ModelsCommand models;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL_VERSION_ID", arity = "0..*", description = "The versions to scan.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Scan every cached model version.")
    private boolean all;

    @Option(names = "--again", description = "Fetch and scan every file again, even ones seen before.")
    private boolean again;

    @Option(names = "--json", description = "Print one JSON object per version (JSON Lines).")
    private boolean json;

    @Option(names = "--fail-on", paramLabel = "RATING", description = "Exit with 1 when a version is rated this or worse:"
            + " unknown, suspicious or dangerous.")
    private String failOn;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        if (ids.isEmpty() == !all) {
            throw new ParameterException(spec.commandLine(), "name the versions to scan, or give --all");
        }
        Rating threshold = ScanOutput.threshold(failOn, spec);
        CliEnvironment env = models.root().environment();
        try (AppContext context = models.root().openContext()) {
            SecurityServices security = context.security();
            List<VersionRef> refs = new ArrayList<>();
            if (all) {
                for (RegisteredModel m : context.experiments().models()) {
                    for (ModelVersion v : m.versions()) {
                        refs.add(security.versions().ref(m, v));
                    }
                }
            } else {
                for (String id : ids) {
                    try {
                        refs.add(security.versions().resolve(id).ref());
                    } catch (SecurityException e) {
                        throw new ParameterException(spec.commandLine(), e.getMessage());
                    }
                }
            }
            boolean failed = false;
            Rating worst = Rating.SAFE;
            for (VersionRef ref : refs) {
                try {
                    VersionScan scan = security.scans().scanVersion(ref, again);
                    worst = worst.max(scan.rating());
                    print(env, scan);
                } catch (SecurityException e) {
                    failed = true;
                    env.err().println("cannot scan " + ref.sourceName() + ":" + ref.model() + "/" + ref.version() + ": "
                            + e.getMessage());
                }
            }
            if (failed) {
                return ExitCodes.FAILED;
            }
            return ScanOutput.exitCode(threshold, worst);
        }
    }

    private void print(CliEnvironment env, VersionScan scan) {
        VersionRef ref = scan.version();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", ref.nodeId().value());
            out.put("source", ref.sourceName());
            out.put("model", ref.model());
            out.put("version", ref.version());
            out.put("rating", scan.rating().word());
            out.put("scannedAt", Times.iso(scan.scannedAt()));
            out.put("files", scan.files().stream().map(f -> ScanOutput.json(f, false)).toList());
            new JsonOutput(env.data()).line(out);
            return;
        }
        env.out().printf("%-10s  %s:%s/%s  (%d file%s)%n", scan.rating().word(), ref.sourceName(), ref.model(),
                ref.version(), scan.files().size(), scan.files().size() == 1 ? "" : "s");
        for (FileScan f : scan.files()) {
            if (f.rating() == Rating.SAFE) {
                continue;
            }
            ScanOutput.print(env.out(), "    ", f, "");
        }
    }
}
