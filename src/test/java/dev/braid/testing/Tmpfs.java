package dev.braid.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real, small tmpfs mounted for a test: a disk that really fills up, or a folder that is really
 * read-only (remounted so, which even root cannot write). Needs root (or CAP_SYS_ADMIN); where
 * mounting is not allowed, {@link #available()} is false and tests fall back to what an ordinary
 * user can do (permissions, file-size limits).
 */
public final class Tmpfs implements AutoCloseable {
    private static final AtomicReference<Boolean> AVAILABLE = new AtomicReference<>();
    private final Path dir;
    private boolean mounted;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Whether this process may mount a tmpfs (tried once per test JVM). */
    public static boolean available() {
        Boolean known = AVAILABLE.get();
        if (known != null) {
            return known;
        }
        boolean works;
        try {
            Path probe = Files.createTempDirectory("braid-tmpfs-probe");
            try (Tmpfs t = mount(probe, 64 * 1024)) {
                works = t.mounted;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | AssertionError e) {
            works = false;
        }
        AVAILABLE.set(works);
        return works;
    }

    /** Whether this process runs as root, for whom file permissions do not apply. */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts a tmpfs of {@code bytes} on {@code dir} (created if needed). */
    public static Tmpfs mount(Path dir, long bytes) throws IOException {
        Files.createDirectories(dir);
        Tmpfs t = new Tmpfs(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", dir.toString());
        t.mounted = true;
        return t;
    }

    public Path dir() {
        return dir;
    }

    /** Makes the mount read-only: every write fails with EROFS, for root too. */
    public void remountReadOnly() throws IOException {
        run("mount", "-o", "remount,ro", dir.toString());
    }

    /** Makes it writable again. */
    public void remountWritable() throws IOException {
        run("mount", "-o", "remount,rw", dir.toString());
    }

    @Override
    public void close() throws IOException {
        if (mounted) {
            mounted = false;
            run("umount", "-l", dir.toString());
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
