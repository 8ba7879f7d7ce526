package dev.braid.cli;

import dev.braid.security.FileScan;
import dev.braid.security.scan.Finding;
import dev.braid.security.scan.Rating;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What the scanning commands ({@code scan}, {@code models scan}, {@code repo scan}, {@code artifactory scan})
 * share: {@code --fail-on} and how a scanned file prints.
 */
final class ScanOutput {
    private static final List<String> THRESHOLDS = List.of("unknown", "suspicious", "dangerous");

    private ScanOutput() {
    }

    /** The rating {@code --fail-on} names, or null when it was not given. */
    static Rating threshold(String failOn, CommandSpec spec) {
        if (failOn == null) {
            return null;
        }
        String word = failOn.toLowerCase(Locale.ROOT);
        if (!THRESHOLDS.contains(word)) {
            throw new ParameterException(spec.commandLine(), "unknown --fail-on " + failOn
                    + "; use unknown, suspicious or dangerous");
        }
        return Rating.ofWord(word);
    }

    /** 1 when {@code worst} reaches {@code threshold} (null: none given), else 0. */
    static int exitCode(Rating threshold, Rating worst) {
        return threshold != null && worst.atLeast(threshold) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * A scanned file as JSON: path, hash, size, format, rating and findings, each finding as an
     * object ({@code location}, {@code rating}, {@code kind}, {@code message}) or, where
     * {@code messagesOnly}, as its message.
     */
    static Map<String, Object> json(FileScan f, boolean messagesOnly) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", f.path());
        file.put("sha256", f.sha256());
        file.put("size", f.size());
        file.put("format", f.format());
        file.put("rating", f.rating().word());
        file.put("findings", f.findings().stream().map(x -> messagesOnly ? x.message() : Map.of("location", x.location(),
                "rating", x.rating().word(), "kind", x.kind().id(), "message", x.message())).toList());
        return file;
    }

    /** A file's rating and path on one line, then its findings one per line, further indented. */
    static void print(PrintWriter out, String indent, FileScan f, String suffix) {
        out.printf("%s%-10s  %s%s%n", indent, f.rating().word(), f.path(), suffix);
        for (Finding finding : f.findings()) {
            out.printf("%s    %s%s%n", indent, finding.location().isEmpty() ? "" : finding.location() + ": ",
                    finding.message());
        }
    }
}
