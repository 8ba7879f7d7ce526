package dev.braid.security.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.PythonEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Braid's scanner next to picklescan, modelscan and fickling (pinned in {@code .ci/venv-scanners})
 * on labelled files: picklescan's own test corpus and the generated corpus. Used by the yardstick
 * test (detection and false positives) and the security benchmark (time per file).
 */
public final class ScannerComparison {
    public static final List<String> PEERS = List.of("picklescan", "modelscan", "fickling");
    public static final Path PICKLESCAN_CORPUS = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/security/picklescan-corpus");
    private static final Path SCRIPT = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/security/compare_scanners.py");

    /** A file and whether it is malicious. */
    public record Labelled(Path file, boolean malicious, String corpus) {
    }

    /** What one tool said about one file, and how long it took (the fastest of the rounds). */
    public record Verdict(boolean flagged, boolean error, double seconds) {
    }

    /** Per tool: malicious files flagged, benign files flagged, files it failed on, total seconds. */
    public record Tally(int detected, int falsePositives, int errors, double seconds) {
        Tally plus(Labelled file, Verdict v) {
            return new Tally(detected + (file.malicious() && v.flagged() ? 1 : 0),
                    falsePositives + (!file.malicious() && v.flagged() ? 1 : 0), errors + (v.error() ? 1 : 0),
                    seconds + v.seconds());
        }
    }

    private ScannerComparison() {
    }

    /** picklescan's corpus with the labels of {@code labels.tsv}. */
    public static List<Labelled> picklescanCorpus() throws IOException {
        List<Labelled> out = new ArrayList<>();
        for (String line : Files.readAllLines(PICKLESCAN_CORPUS.resolve("labels.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            out.add(new Labelled(PICKLESCAN_CORPUS.resolve(parts[0]), parts[1].equals("malicious"), "picklescan"));
        }
        return out;
    }

    /**
     * The real public model files of {@code public-models} (ONNX's and modelscan's; see its
     * ORIGIN.md): a file labelled dangerous there is malicious, the others benign.
     */
    public static List<Labelled> publicModelsCorpus() throws IOException {
        Path corpus = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/security/public-models");
        List<Labelled> out = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("labels.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            out.add(new Labelled(corpus.resolve(parts[0]), parts[1].equals("dangerous"), "public-models"));
        }
        return out;
    }

    /** The generated corpus, all three parts, written into {@code dir}. */
    public static List<Labelled> generated(Path dir) throws IOException, InterruptedException {
        List<ScanCorpus.Entry> entries = new ArrayList<>(ScanCorpus.base(dir));
        entries.addAll(ScanCorpus.write(PythonEnv.main().ensure().python(), dir, "real"));
        entries.addAll(ScanCorpus.write(PythonEnv.named("scanners").ensure().python(), dir, "h5"));
        return entries.stream().map(e -> new Labelled(e.file(), e.malicious(), "generated")).toList();
    }

    /** Runs the three peers on every file, {@code rounds} times each, in one Python process. */
    public static Map<Path, Map<String, Verdict>> peers(List<Labelled> files, int rounds) throws IOException,
            InterruptedException {
        Path list = Files.createTempFile("scan-files", ".txt");
        Path out = Files.createTempFile("scan-peers", ".jsonl");
        Path err = Files.createTempFile("scan-peers", ".log");
        try {
            Files.write(list, files.stream().map(f -> f.file().toAbsolutePath().toString()).toList());
            Process p = new ProcessBuilder(PythonEnv.named("scanners").ensure().python().toString(), SCRIPT.toString(),
                    list.toString(), Integer.toString(rounds)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("compare_scanners.py failed:\n" + Files.readString(err));
            }
            Map<Path, Map<String, Verdict>> results = new HashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (!line.startsWith("{\"file\"")) {
                    continue; // a tool printing to stdout on its own
                }
                JsonNode r = json.readTree(line);
                results.computeIfAbsent(Path.of(r.path("file").asText()), k -> new LinkedHashMap<>()).put(
                        r.path("tool").asText(), new Verdict(r.path("flagged").asBoolean(), r.path("error").asBoolean(),
                                r.path("seconds").asDouble()));
            }
            return results;
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Braid's verdict: flagged when suspicious or dangerous ({@code countUnknown} adds unknown). */
    public static Verdict braid(ModelScanner scanner, Path file, int rounds, boolean countUnknown) {
        double best = Double.MAX_VALUE;
        FileReport report = null;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            report = scanner.scanFile(file, false);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        Rating threshold = countUnknown ? Rating.UNKNOWN : Rating.SUSPICIOUS;
        return new Verdict(report.rating().atLeast(threshold), false, best);
    }

    /** Tallies per tool (peers, then {@code braid} and {@code braid+unknown}). */
    public static Map<String, Tally> tally(List<Labelled> files, Map<Path, Map<String, Verdict>> peers,
                                           Map<Path, Verdict> braid, Map<Path, Verdict> braidUnknown) {
        Map<String, Tally> out = new LinkedHashMap<>();
        for (Labelled f : files) {
            Map<String, Verdict> row = peers.get(f.file().toAbsolutePath());
            for (String tool : PEERS) {
                out.merge(tool, new Tally(0, 0, 0, 0).plus(f, row.get(tool)), ScannerComparison::sum);
            }
            out.merge("braid", new Tally(0, 0, 0, 0).plus(f, braid.get(f.file())), ScannerComparison::sum);
            out.merge("braid+unknown", new Tally(0, 0, 0, 0).plus(f, braidUnknown.get(f.file())), ScannerComparison::sum);
        }
        return out;
    }

    /** A Markdown table of the tallies over {@code files}. */
    public static String markdown(List<Labelled> files, Map<String, Tally> tallies) {
        long malicious = files.stream().filter(Labelled::malicious).count();
        StringBuilder md = new StringBuilder("| scanner | malicious flagged (of " + malicious + ") | benign flagged (of "
                + (files.size() - malicious) + ") | failed on | mean ms per file |\n|---|---|---|---|---|\n");
        tallies.forEach((tool, t) -> md.append(String.format(Locale.ROOT, "| %s | %d (%.0f%%) | %d | %d | %.2f |%n", tool,
                t.detected(), 100.0 * t.detected() / Math.max(1, malicious), t.falsePositives(), t.errors(),
                1000 * t.seconds() / Math.max(1, files.size()))));
        return md.toString();
    }

    private static Tally sum(Tally a, Tally b) {
        return new Tally(a.detected() + b.detected(), a.falsePositives() + b.falsePositives(), a.errors() + b.errors(),
                a.seconds() + b.seconds());
    }
}
