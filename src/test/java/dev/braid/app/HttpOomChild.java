package dev.braid.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Child process for {@link FatalErrorsTest}: reads an endless body with no cap, as a careless
 * client would, until the JDK's HTTP client runs out of memory in one of its threads.
 */
public final class HttpOomChild {
    private HttpOomChild() {
    }

    public static void main(String[] args) throws Exception {
        FatalErrors.install();
        HttpClient client = HttpClient.newHttpClient();
        System.out.println("reading");
        System.out.flush();
        client.sendAsync(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.ofByteArray()).join();
        System.out.println("finished, which an endless body never does");
    }
}
