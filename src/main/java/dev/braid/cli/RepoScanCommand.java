package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.security.DvcScans;
import dev.braid.security.FileScan;
import dev.braid.security.SecurityException;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid repo scan NAME [--json] [--fail-on RATING]}: the model files DVC tracks in a repository. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scans the files DVC tracks in an indexed repository (its dvc.lock and .dvc files at HEAD), read",
                "from the local DVC cache or the working tree. Model files are scanned and kept per content hash; the",
                "data versions' lineage nodes show the verdict. Other files (tables, images) are skipped."})
final class RepoScanCommand implements Callable<Integer> {
    @ParentCommand
    private RepoCommand repo;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The repository's name in Braid.")
    private String name;

    @Option(names = "--json", description = "Print one JSON document.")
    private boolean json;

    @Mixin
    private FailOnOption failOn;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        failOn.threshold();
        CliEnvironment env = repo.root().environment();
        try (AppContext context = repo.root().openContext()) {
            if (context.repositories().find(name).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no repository named " + name + "; see braid repo list");
            }
            DvcScans.Report report;
            try {
                report = context.security().dvc().scan(name);
            } catch (SecurityException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("repository", report.repository());
                doc.put("commit", report.commit());
                doc.put("rating", report.rating().word());
                doc.put("files", report.scanned().stream().map(f -> ScanOutput.json(f, true)).toList());
                doc.put("skipped", report.skipped());
                doc.put("unavailable", report.unavailable());
                new JsonOutput(env.data()).document(doc);
            } else {
                for (FileScan f : report.scanned()) {
                    ScanOutput.print(env.out(), "", f, "  (" + f.format() + ")");
                }
                for (String missing : report.unavailable()) {
                    env.err().println("not available locally (run dvc pull): " + missing);
                }
                env.out().println(report.scanned().size() + " model file" + (report.scanned().size() == 1 ? "" : "s")
                        + " scanned, " + report.skipped() + " other file" + (report.skipped() == 1 ? "" : "s")
                        + " skipped, " + report.unavailable().size() + " not available locally");
            }
            return failOn.exitCode(report.rating());
        }
    }
}
