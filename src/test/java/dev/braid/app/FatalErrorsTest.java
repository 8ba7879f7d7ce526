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
 * one that keeps running and ignores SIGTERM.
 */
class FatalErrorsTest {
    @TempDir
    Path tmp;

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
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx48m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    HttpOomChild.class.getName(), "http://127.0.0.1:" + server.getAddress().getPort() + "/")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean endedAlone = child.waitFor(90, TimeUnit.SECONDS);
            boolean endedOnTerm = false;
            if (!endedAlone) {
                child.destroy();
                endedOnTerm = child.waitFor(10, TimeUnit.SECONDS);
                child.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(endedAlone || endedOnTerm, "the process neither ended nor obeyed SIGTERM:\n" + text);
            assertTrue(endedAlone, "it should end by itself at the error, not wait for SIGTERM:\n" + text);
            assertEquals(FatalErrors.EXIT_CODE, child.exitValue(), text);
            assertTrue(text.contains("braid: out of memory; stopping."), text);
        } finally {
            server.stop(0);
        }
    }
}
