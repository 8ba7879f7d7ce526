package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans model files without ever loading them: pickles (plain, joblib, legacy PyTorch), PyTorch
 * zip checkpoints, NumPy {@code .npy}/{@code .npz}, Keras {@code .keras} and {@code .h5},
 * safetensors, ONNX, and archives of any of these, nested. Thread-safe; each call is independent.
 *
 * <pre>{@code
 * ModelScanner scanner = ModelScanner.standard();
 * for (FileReport report : scanner.scan(Path.of("model/"), true)) {
 *     System.out.println(report.path() + " " + report.rating().word());
 * }
 * }</pre>
 */
public final class ModelScanner {
    private final ImportPolicy policy;
    private final ScanLimits limits;
    private final ContentScanner content;

    public ModelScanner(ImportPolicy policy, ScanLimits limits) {
        this.policy = policy;
        this.limits = limits;
        this.content = new ContentScanner(policy, limits);
    }

    /** The shipped import policy and the standard limits. */
    public static ModelScanner standard() {
        return new ModelScanner(ImportPolicy.standard(), ScanLimits.STANDARD);
    }

    /** The policy's fingerprint (results made under another one are out of date). */
    public String policyVersion() {
        return policy.version();
    }

    /**
     * Scans a file, or every regular file under a folder (reported in path order, scanned in
     * parallel; {@code .git} folders and linked folders are not entered).
     *
     * @param hash whether to compute each file's SHA-256
     */
    public List<FileReport> scan(Path path, boolean hash) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(scanFile(path, hash));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(p -> !inGitFolder(path, p)).filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        // Files are independent: scan them on every core (the reports keep the files' order).
        return files.parallelStream().map(file -> scanFile(file, hash)).toList();
    }

    /** Scans one file; a file that cannot be read gives a report with an "unreadable" finding. */
    public FileReport scanFile(Path file, boolean hash) {
        long started = System.nanoTime();
        String sha = null;
        long size = -1;
        ScanSink sink = new ScanSink(limits);
        FileFormat format = FileFormat.OTHER;
        try {
            size = Files.size(file);
            if (hash) {
                sha = sha256(file);
            }
            format = sink.refined(content.scan(Content.file(file), "", 0, sink));
        } catch (IOException | RuntimeException e) {
            sink.add(new Finding("", Rating.UNKNOWN, FindingKind.UNREADABLE, "", "cannot be read to the end: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
        return new FileReport(file.toString(), sha, size, format, sink.rating(), sink.imports(), sink.findings(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The SHA-256 of a file's content, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            while (in.read(buffer) >= 0) {
                // reading is hashing
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean inGitFolder(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }
}
