package dev.braid.security.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.PythonEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scanner's test corpus, written by {@code make_corpus.py} (nothing in it is ever loaded):
 * {@code base} needs only the standard library, {@code real} the main test environment's NumPy,
 * pandas, scikit-learn and joblib, {@code h5} the scanners' environment's h5py.
 */
public final class ScanCorpus {
    public static final Path SCRIPT = PythonEnv.ROOT.resolve("src/test/resources/dev/braid/security/make_corpus.py");

    /** One file of the corpus and the verdict it must get. */
    public record Entry(Path file, String name, Rating expect, String why, boolean malicious) {
    }

    private ScanCorpus() {
    }

    /** Writes one part into {@code dir} with {@code python}; returns its entries. */
    public static List<Entry> write(Path python, Path dir, String part) throws IOException, InterruptedException {
        Path log = Files.createTempFile("make-corpus", ".log");
        Process process = new ProcessBuilder(python.toString(), SCRIPT.toString(), dir.toString(), part)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("make_corpus.py " + part + " failed:\n" + Files.readString(log));
        }
        Files.deleteIfExists(log);
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("manifest-" + part + ".json"),
                StandardCharsets.UTF_8));
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : manifest) {
            String name = e.path("file").asText();
            out.add(new Entry(dir.resolve(name), name, Rating.ofWord(e.path("expect").asText()), e.path("why").asText(),
                    e.path("malicious").asBoolean()));
        }
        return out;
    }

    /** The standard library part, written with the system's python3. */
    public static List<Entry> base(Path dir) throws IOException, InterruptedException {
        return write(Path.of(System.getenv().getOrDefault("BRAID_PYTHON", "python3")), dir, "base");
    }
}
