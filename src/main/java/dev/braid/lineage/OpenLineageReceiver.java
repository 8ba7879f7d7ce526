package dev.braid.lineage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * Receives events from the OpenLineage HTTP transport: {@code POST /api/v1/lineage} with one JSON
 * event, gzip-compressed or not, optionally guarded by a bearer token. Answers 201 for a new event,
 * 200 for a repeat, 400 with the reason for a bad event (nothing of it is stored), 401 without the
 * right token, 405 for other methods, 413 for a body over the event limit (checked while reading,
 * so it is never buffered whole) and 415 for a content type other than {@code application/json}
 * or an encoding other than gzip. Built on the JDK's {@code com.sun.net.httpserver}.
 */
public final class OpenLineageReceiver implements AutoCloseable {
    public static final String PATH = "/api/v1/lineage";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5050;
    private static final Logger LOG = Logger.getLogger(OpenLineageReceiver.class.getName());
    /** How much of a refused body is read and dropped so that the client can read the refusal. */
    private static final long DRAIN_LIMIT = 1 << 20;
    private final HttpServer server;
    private final ExecutorService executor;
    private final OpenLineageValidator validator;
    private final OpenLineageIngest ingest;
    private final byte[] expectedAuthorization;
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** Where to listen, and the bearer token callers must send (null for none). */
    public record Settings(String host, int port, String token) {
        public Settings {
            host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
            }
            token = token == null || token.isEmpty() ? null : token;
        }

        /**
         * With the bearer token read from the environment variable {@code tokenEnv} (none when it
         * is null); refused plainly when that variable is not set.
         */
        public static Settings withTokenFrom(String host, int port, String tokenEnv, Map<String, String> env) {
            String token = null;
            if (tokenEnv != null) {
                token = env.get(tokenEnv);
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("the environment variable " + tokenEnv + " is not set or empty");
                }
            }
            return new Settings(host, port, token);
        }
    }

    /** Counts since the receiver started. */
    public record Counts(long added, long repeated, long refused) {
    }

    private OpenLineageReceiver(HttpServer server, ExecutorService executor, OpenLineageValidator validator,
                                OpenLineageIngest ingest, String token) {
        this.server = server;
        this.executor = executor;
        this.validator = validator;
        this.ingest = ingest;
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Starts listening; port 0 picks a free port ({@link #uri()} tells which). */
    public static OpenLineageReceiver start(Settings settings, OpenLineageValidator validator, OpenLineageIngest ingest)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 50);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "braid-openlineage-receiver");
            thread.setDaemon(true);
            return thread;
        });
        OpenLineageReceiver receiver = new OpenLineageReceiver(server, executor, validator, ingest, settings.token());
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The address clients post to, e.g. {@code http://127.0.0.1:5050/api/v1/lineage}. */
    public URI uri() {
        String host = address().getAddress().getHostAddress();
        host = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + host + ":" + address().getPort() + PATH);
    }

    public Counts counts() {
        return new Counts(added.get(), repeated.get(), refused.get());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not store an OpenLineage event", e);
                answer = Answer.error(500, "the event could not be stored: " + e.getMessage());
            }
            if (answer.status() >= 400) {
                refused.incrementAndGet();
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (answer.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            } else if (answer.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "POST");
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not answer an OpenLineage request", e);
        }
    }

    private record Answer(int status, String body) {
        static Answer error(int status, String message) {
            return new Answer(status, "{\"error\":" + quote(message) + "}");
        }
    }

    private Answer answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            return Answer.error(404, "not found: events go to POST " + PATH);
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return Answer.error(405, "use POST to send events");
        }
        if (expectedAuthorization != null) {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.strip().getBytes(StandardCharsets.UTF_8))) {
                return Answer.error(401, "a valid bearer token is required");
            }
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            return Answer.error(415, "Content-Type must be application/json, not " + (type == null ? "missing" : type));
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        String coding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        if (!coding.equals("identity") && !coding.equals("gzip")) {
            return Answer.error(415, "Content-Encoding must be gzip or none, not " + encoding);
        }
        int max = validator.limits().maxBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > max) {
            drain(exchange.getRequestBody());
            return Answer.error(413, "the event is " + length.strip() + " bytes, more than the " + max + " allowed");
        }
        byte[] json;
        try (InputStream body = coding.equals("gzip") ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            json = readBounded(body, max);
            if (json == null) {
                drain(exchange.getRequestBody());
            }
        } catch (IOException e) {
            return Answer.error(400, coding.equals("gzip") ? "the body is not valid gzip: " + e.getMessage()
                    : "cannot read the body: " + e.getMessage());
        }
        if (json == null) {
            return Answer.error(413, "the event is more than the " + max + " bytes allowed");
        }
        OpenLineageEvent event;
        try {
            event = validator.validate(json);
        } catch (InvalidEventException e) {
            return Answer.error(400, e.getMessage());
        }
        OpenLineageIngest.Stored stored = ingest.store(java.util.List.of(new OpenLineageIngest.Accepted(event,
                "http:" + exchange.getRemoteAddress().getAddress().getHostAddress())));
        String warnings = event.warnings().isEmpty() ? ""
                : ",\"warnings\":[" + String.join(",", event.warnings().stream().map(OpenLineageReceiver::quote).toList()) + "]";
        if (stored.added() == 1) {
            added.incrementAndGet();
            return new Answer(201, "{\"stored\":true" + warnings + "}");
        }
        repeated.incrementAndGet();
        return new Answer(200, "{\"stored\":false,\"repeat\":true" + warnings + "}");
    }

    /** The whole stream, or null when it holds more than {@code max} bytes (reading stops there). */
    private static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT} bytes: a client
     * still sending when the server closes the connection can lose the answer that says why.
     * Beyond the limit the connection is closed anyway.
     */
    private static void drain(InputStream body) {
        byte[] buffer = new byte[8192];
        long left = DRAIN_LIMIT;
        try {
            int n;
            while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client went away; there is no one left to answer.
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }
}
