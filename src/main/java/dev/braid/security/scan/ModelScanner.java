package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
    /** Files up to this size are read into memory in one go (see {@link #scanFile}). */
    private static final long SMALL_FILE = 1024 * 1024;

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
            Content whole;
            // Most model folders are many small files: for those the opening and sizing of the file,
            // not the scan, was the cost (measured: two opens and two stats were 48 of 58 us for a
            // 39-byte pickle). A small file is opened once and read once; hashing and every format
            // reader then work on its bytes.
            try (FileChannel channel = FileChannel.open(file)) {
                size = channel.size();
                byte[] bytes = size <= SMALL_FILE ? readSmall(channel, (int) size) : null;
                if (bytes != null) {
                    size = bytes.length;
                    whole = Content.bytes(name(file), bytes);
                    sha = hash ? sha256(bytes) : null;
                } else {
                    whole = Content.file(file, size);
                }
            }
            if (hash && sha == null) {
                sha = sha256(file);
            }
            format = sink.refined(content.scan(whole, "", 0, sink));
        } catch (IOException | RuntimeException e) {
            sink.add(new Finding("", Rating.UNKNOWN, FindingKind.UNREADABLE, "", "cannot be read to the end: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
        return new FileReport(file.toString(), sha, size, format, sink.rating(), sink.imports(), sink.findings(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The SHA-256 of a file's content, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            while (in.read(buffer) >= 0) {
                // reading is hashing
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The whole of a file of {@code expected} bytes, or null when it turns out longer (it grew
     * while being read): the caller then reads it as a file.
     */
    private static byte[] readSmall(FileChannel channel, int expected) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(expected);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // read until full or at the end
        }
        if (buffer.hasRemaining()) {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
        return channel.read(ByteBuffer.allocate(1)) > 0 ? null : buffer.array();
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
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
