package dev.braid.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Files fetched to be scanned (model artifacts of MLflow sources), kept under their content hash
 * in one folder whose total size is capped: the least recently used files go first. A file is
 * written to a temporary name while it is hashed and renamed when complete, so a file in the
 * folder is always whole. A file larger than the cap is not kept.
 */
public final class ScanCache {
    /** The cap unless configured otherwise: 8 GB. */
    public static final long DEFAULT_CAP = 8L * 1024 * 1024 * 1024;
    private final Path folder;
    private final long cap;

    public ScanCache(Path folder, long cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("the scan cache cap must be positive");
        }
        this.folder = folder;
        this.cap = cap;
    }

    public long cap() {
        return cap;
    }

    /** A fetched file: its hash, size and where it is. */
    public record Cached(String sha256, long size, Path file) {
    }

    /** The kept file with this content hash, if any (its use time is refreshed). */
    public synchronized Optional<Path> find(String sha256) throws IOException {
        Path file = folder.resolve(sha256);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        return Optional.of(file);
    }

    /**
     * Copies {@code in} (closing it) into the cache, hashing it on the way, then makes room by
     * evicting older files. Fails with {@link TooLarge} past the cap, keeping nothing.
     */
    public Cached store(InputStream in) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".fetch-", ".part");
        MessageDigest digest = sha256();
        long size = 0;
        try (in; OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                size += n;
                if (size > cap) {
                    throw new TooLarge("the file is larger than the scan cache (" + cap + " bytes)");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        Path target = folder.resolve(sha);
        synchronized (this) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            evict(target);
        }
        return new Cached(sha, size, target);
    }

    /** Deletes the least recently used files until the folder fits its cap; never {@code keep}. */
    private void evict(Path keep) throws IOException {
        List<Path> files = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, p -> !p.getFileName().toString().startsWith("."))) {
            for (Path p : dir) {
                files.add(p);
                total += Files.size(p);
            }
        }
        files.sort(Comparator.comparing(ScanCache::lastUse));
        for (Path p : files) {
            if (total <= cap) {
                return;
            }
            if (!p.equals(keep)) {
                total -= Files.size(p);
                Files.deleteIfExists(p);
            }
        }
    }

    private static FileTime lastUse(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file that does not fit in the cache. */
    public static final class TooLarge extends IOException {
        public TooLarge(String message) {
            super(message);
        }
    }
}
