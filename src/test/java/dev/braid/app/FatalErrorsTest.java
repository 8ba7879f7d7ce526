package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An out-of-memory error in an HTTP client thread of a real process (48 MB heap, an endless body
 * from a real server on 127.0.0.1) ends that process promptly with exit code 3; it never leaves
 * one that keeps running and ignores SIGTERM. "Promptly" is timed from the moment the child starts
 * reading, not from its launch, so that a machine slowed by other work cannot fail the test while
 * a process that hangs at the error still does.
 */
class FatalErrorsTest {
    @TempDir
    Path tmp;

    /** How long the child may take from reading the first bytes to its end; a few seconds on a quiet machine. */
    private static final long ERROR_PATH_SECONDS = 120;
    /** How long the child's JVM may take to start and begin reading (minutes on a machine under heavy load). */
    private static final long START_SECONDS = 300;

    @Test
    void runningOutOfMemoryInAnHttpThreadEndsTheProcess() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException clientGone) {
                exchange.close();
            }
        });
        server.start();
        try {
            Path output = tmp.resolve("child.txt");
            // C1 only: on a loaded machine the child's C2 compiler threads would compete for the CPU
            // that the error path needs; what is compiled has nothing to do with what is proven.
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx48m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    HttpOomChild.class.getName(), "http://127.0.0.1:" + server.getAddress().getPort() + "/")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            // The clock for "promptly" starts when the child reads the body: a JVM's start on a
            // machine busy with other work says nothing about the error path.
            long startedReading = awaitReading(child, output);
            boolean endedAlone = child.waitFor(ERROR_PATH_SECONDS, TimeUnit.SECONDS);
            long readingToEnd = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedReading);
            boolean endedOnTerm = false;
            if (!endedAlone) {
                child.destroy();
                endedOnTerm = child.waitFor(10, TimeUnit.SECONDS);
                child.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println("FatalErrorsTest: the child ended " + readingToEnd + " ms after it began reading");
            assertTrue(endedAlone || endedOnTerm, "the process neither ended nor obeyed SIGTERM:\n" + text);
            assertTrue(endedAlone, "it should end by itself at the error, not wait for SIGTERM (still running "
                    + readingToEnd + " ms after it began reading):\n" + text);
            assertEquals(FatalErrors.EXIT_CODE, child.exitValue(), text);
            assertTrue(text.contains("braid: out of memory; stopping."), text);
        } finally {
            server.stop(0);
        }
    }

    /** Waits until the child has printed that it reads the body; returns that moment in {@link System#nanoTime()}. */
    private static long awaitReading(Process child, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.readString(output, StandardCharsets.UTF_8).contains("reading")) {
                return System.nanoTime();
            }
            if (!child.isAlive()) {
                // It ended before it printed; the assertions on its exit say how.
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        child.destroyForcibly();
        throw new AssertionError("the child did not start reading within " + START_SECONDS + " s: "
                + Files.readString(output, StandardCharsets.UTF_8));
    }
}
