package dev.braid.cli;

import dev.braid.app.BraidVersion;
import dev.braid.security.scan.FileReport;
import dev.braid.security.scan.Finding;
import dev.braid.security.scan.ModelScanner;
import dev.braid.security.scan.Rating;
import dev.braid.security.scan.ScanJson;
import dev.braid.security.scan.ScanSarif;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid scan PATH... [--format text|json|sarif] [--fail-on suspicious|dangerous]}. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scans model files for code that runs when they are loaded, without loading them: pickles",
                "(joblib, PyTorch), NumPy, Keras, HDF5, safetensors, ONNX and archives of them. Folders are scanned",
                "file by file. Each file is rated safe, unknown (Braid cannot vouch for it), suspicious or dangerous.",
                "Needs no cache: made for CI jobs."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  scanned; nothing reached the --fail-on threshold",
                "  1  a file reached the --fail-on threshold",
                "  2  bad usage (a path that does not exist, an unknown format)"})
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to scan.")
    private List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (one document) or sarif (SARIF 2.1.0, for GitHub and GitLab).")
    private String format;

    @Option(names = "--fail-on", paramLabel = "RATING",
            description = "Exit with 1 when a file is rated this or worse: suspicious or dangerous (also: unknown).")
    private String failOn;

    @Override
    public Integer call() throws IOException {
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "sarif").contains(chosen)) {
            throw new ParameterException(spec.commandLine(), "unknown --format " + format + "; use text, json or sarif");
        }
        Rating threshold = threshold();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new ParameterException(spec.commandLine(), "no such file or folder: " + path);
            }
        }
        root.startLogging();
        ModelScanner scanner = ModelScanner.standard();
        List<FileReport> reports = new ArrayList<>();
        for (Path path : paths) {
            reports.addAll(scanner.scan(path, true));
        }
        CliEnvironment env = root.environment();
        switch (chosen) {
            case "json" -> new JsonOutput(env.data()).document(ScanJson.document(reports, BraidVersion.current(),
                    scanner.policyVersion()));
            case "sarif" -> new JsonOutput(env.data()).document(ScanSarif.document(reports, BraidVersion.current(),
                    scanner.policyVersion()));
            default -> printText(env, reports);
        }
        Rating worst = reports.stream().map(FileReport::rating).reduce(Rating.SAFE, Rating::max);
        return ScanOutput.exitCode(threshold, worst);
    }

    private Rating threshold() {
        if (failOn == null) {
            return null;
        }
        String word = failOn.toLowerCase(Locale.ROOT);
        if (!List.of("unknown", "suspicious", "dangerous").contains(word)) {
            throw new ParameterException(spec.commandLine(), "unknown --fail-on " + failOn
                    + "; use suspicious or dangerous (or unknown)");
        }
        return Rating.ofWord(word);
    }

    private static void printText(CliEnvironment env, List<FileReport> reports) {
        Map<Rating, Integer> counts = new EnumMap<>(Rating.class);
        for (FileReport report : reports) {
            counts.merge(report.rating(), 1, Integer::sum);
            String imports = report.imports().isEmpty() ? "" : ", " + report.imports().size() + " import"
                    + (report.imports().size() == 1 ? "" : "s");
            env.out().printf("%-10s  %s  (%s%s)%n", report.rating().word(), report.path(), report.format().label(), imports);
            for (Finding f : report.findings()) {
                env.out().printf("    %-10s  %s%s%n", f.rating().word(), f.location().isEmpty() ? "" : f.location() + ": ",
                        f.message());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Rating r : new Rating[] {Rating.DANGEROUS, Rating.SUSPICIOUS, Rating.UNKNOWN, Rating.SAFE}) {
            parts.add(counts.getOrDefault(r, 0) + " " + r.word());
        }
        env.out().println(reports.size() + " file" + (reports.size() == 1 ? "" : "s") + ": " + String.join(", ", parts));
    }
}
