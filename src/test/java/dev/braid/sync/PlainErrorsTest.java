package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainErrorsTest {
    @TempDir
    Path temp;

    @Test
    void aRefusedConnectionIsDescribedInWordsNotByItsClass() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Exception real = null;
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            real = e;
        }
        String text = PlainErrors.describe(real);

        assertTrue(text.startsWith("the connection was refused"), text);
        assertFalse(text.contains("Exception"), text);
        assertEquals(text, PlainErrors.describe(new IOException(real)), "the words come from the cause");
    }

    @Test
    void messagesLoseTheirClassNamePrefixes() {
        assertEquals("Connection reset", PlainErrors.describe(new IOException("java.net.SocketException: Connection reset")));
        assertEquals("cannot reach MLflow at http://x: refused",
                PlainErrors.describe(new IOException("cannot reach MLflow at http://x: java.io.IOException: refused")));
    }

    @Test
    void fileAndHostProblemsNameWhatWasMissing() throws Exception {
        NoSuchFileException missing = null;
        try {
            Files.readString(temp.resolve("nope.txt"));
        } catch (NoSuchFileException e) {
            missing = e;
        }
        assertEquals("no such file or folder: " + temp.resolve("nope.txt"), PlainErrors.describe(missing));
        assertTrue(PlainErrors.describe(new UnknownHostException("mlflow.invalid")).startsWith("the host name mlflow.invalid is unknown"));
        assertTrue(PlainErrors.describe(new ConnectException()).startsWith("the connection was refused"));
        assertEquals("an internal error in Braid (details are in the log)", PlainErrors.describe(new NullPointerException()));
        assertEquals("an unexpected problem (details are in the log)", PlainErrors.describe(new RuntimeException((String) null, null)));
    }
}
