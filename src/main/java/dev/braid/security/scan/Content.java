package dev.braid.security.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes to scan: a file on disk, bytes in memory, or an archive member that can be opened again.
 * Formats that need random access (zip, 7z, HDF5) use the file, or the bytes in memory.
 */
final class Content {
    /** Opens a fresh stream over the content from its start. */
    interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final long size;
    private final Path path;
    private final byte[] bytes;
    private final Opener opener;

    private Content(String name, long size, Path path, byte[] bytes, Opener opener) {
        this.name = name;
        this.size = size;
        this.path = path;
        this.bytes = bytes;
        this.opener = opener;
    }

    /** A file of {@code size} bytes. */
    static Content file(Path path, long size) {
        return new Content(path.getFileName() == null ? path.toString() : path.getFileName().toString(),
                size, path, null, null);
    }

    static Content bytes(String name, byte[] bytes) {
        return new Content(name, bytes.length, null, bytes, null);
    }

    /** A member read by streaming; {@code size} is -1 when the archive does not say. */
    static Content stream(String name, long size, Opener opener) {
        return new Content(name, size, null, null, opener);
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    /** The file on disk, or null. */
    Path path() {
        return path;
    }

    /** The bytes in memory, or null. */
    byte[] bytes() {
        return bytes;
    }

    InputStream open() throws IOException {
        if (path != null) {
            return Files.newInputStream(path);
        }
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        return opener.open();
    }

    /** Up to {@code n} leading bytes. */
    byte[] head(int n) throws IOException {
        if (bytes != null) {
            return Arrays.copyOf(bytes, Math.min(n, bytes.length));
        }
        try (InputStream in = open()) {
            return in.readNBytes(n);
        }
    }
}
