package dev.braid.lineage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * Receives events from the OpenLineage HTTP transport: {@code POST /api/v1/lineage} with one JSON
 * event, gzip-compressed or not, optionally guarded by a bearer token. Answers 201 for a new event,
 * 200 for a repeat, 400 with the reason for a bad event (nothing of it is stored), 401 without the
 * right token, 403 for a {@code Host} that is not this receiver (DNS rebinding), 405 for other
 * methods, 408 for a body slower than allowed, 413 for a body over the event limit (checked while
 * reading, so it is never buffered whole) and 415 for a content type other than
 * {@code application/json} or an encoding other than gzip. Slow clients are cut off at a deadline
 * ({@link ReceiverWorkers}). Built on the JDK's {@code com.sun.net.httpserver}.
 */
public final class OpenLineageReceiver implements AutoCloseable {
    public static final String PATH = "/api/v1/lineage";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5050;
    /** A connection that has not completed a request after this long is closed by the JDK's server. */
    static final int MAX_REQUEST_SECONDS = 120;
    private static final String MAX_REQUEST_SECONDS_PROPERTY = "sun.net.httpserver.maxReqTime";
    private static final Logger LOG = Logger.getLogger(OpenLineageReceiver.class.getName());
    private final HttpServer server;
    private final ReceiverWorkers workers;
    private final OpenLineageValidator validator;
    private final OpenLineageIngest ingest;
    private final byte[] expectedToken;
    private final ReceiverHosts hosts;
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * Where to listen, the bearer token callers must send (null for none), whether the user
     * explicitly allowed listening beyond this machine without a token, and further names
     * callers may use as the {@code Host} (beyond the listening address, and {@code localhost} on
     * loopback).
     */
    public record Settings(String host, int port, String token, boolean allowUnauthenticated, List<String> allowedHosts) {
        public Settings {
            host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
            }
            token = token == null || token.isEmpty() ? null : token;
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        }

        public Settings(String host, int port, String token) {
            this(host, port, token, false, List.of());
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

        /** The same, allowing no token beyond this machine, or more {@code Host} names. */
        public Settings with(boolean allowUnauthenticated, List<String> allowedHosts) {
            return new Settings(host, port, token, allowUnauthenticated, allowedHosts);
        }

        /**
         * Why listening as asked would be unsafe, or null: anyone who can reach a receiver beyond
         * this machine could write into the lineage graph, so that needs a token, or the user's
         * explicit {@code allowUnauthenticated}.
         */
        public String exposureProblem() {
            if (token != null || allowUnauthenticated) {
                return null;
            }
            try {
                if (InetAddress.getByName(host).isLoopbackAddress()) {
                    return null;
                }
            } catch (UnknownHostException e) {
                return null;
            }
            return "listening on " + host + " without a token would let anyone who can reach this machine write into the"
                    + " lineage graph: name the environment variable holding a token, or listen on 127.0.0.1";
        }
    }

    /** Counts since the receiver started. */
    public record Counts(long added, long repeated, long refused) {
    }

    private OpenLineageReceiver(HttpServer server, ReceiverWorkers workers, OpenLineageValidator validator,
                                OpenLineageIngest ingest, String token, ReceiverHosts hosts) {
        this.server = server;
        this.workers = workers;
        this.validator = validator;
        this.ingest = ingest;
        this.expectedToken = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.hosts = hosts;
    }

    /**
     * Starts listening; port 0 picks a free port ({@link #uri()} tells which).
     *
     * @throws IllegalArgumentException when listening beyond this machine without a token was not
     *     explicitly allowed ({@link Settings#exposureProblem()})
     */
    public static OpenLineageReceiver start(Settings settings, OpenLineageValidator validator, OpenLineageIngest ingest)
            throws IOException {
        return start(settings, validator, ingest, ReceiverWorkers.Timeouts.STANDARD);
    }

    static OpenLineageReceiver start(Settings settings, OpenLineageValidator validator, OpenLineageIngest ingest,
                                     ReceiverWorkers.Timeouts timeouts) throws IOException {
        String unsafe = settings.exposureProblem();
        if (unsafe != null) {
            throw new IllegalArgumentException(unsafe);
        }
        // The JDK server's own limit for a connection that never completes a request (one that
        // connects and sends nothing waits in its selector, on no worker, but holds a socket). It is
        // read once per process when the first server starts: the receiver is the only one Braid runs.
        if (System.getProperty(MAX_REQUEST_SECONDS_PROPERTY) == null) {
            System.setProperty(MAX_REQUEST_SECONDS_PROPERTY, String.valueOf(MAX_REQUEST_SECONDS));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 50);
        ReceiverWorkers workers = new ReceiverWorkers(timeouts);
        OpenLineageReceiver receiver = new OpenLineageReceiver(server, workers, validator, ingest, settings.token(),
                ReceiverHosts.of(server.getAddress().getAddress(), settings.allowedHosts()));
        server.createContext("/", receiver::handle);
        server.setExecutor(workers);
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
        workers.close();
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
            return new Answer(status, "{\"error\":" + ReceiverIo.quote(message) + "}");
        }
    }

    private Answer answer(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (!hosts.accepts(host)) {
            // A page in a browser can reach 127.0.0.1 through a name it controls; it cannot change the Host it sends.
            return Answer.error(403, "this receiver answers requests for " + hosts + ", not for "
                    + (host == null ? "a request without a Host header" : host));
        }
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            return Answer.error(404, "not found: events go to POST " + PATH);
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return Answer.error(405, "use POST to send events");
        }
        if (expectedToken != null && !bearerMatches(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.error(401, "a valid bearer token is required");
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
            ReceiverIo.drain(exchange.getRequestBody());
            return Answer.error(413, "the event is " + length.strip() + " bytes, more than the " + max + " allowed");
        }
        byte[] json;
        workers.readingBody();
        try (InputStream body = coding.equals("gzip") ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            json = ReceiverIo.readBounded(body, max);
            if (json == null) {
                ReceiverIo.drain(exchange.getRequestBody());
            }
        } catch (IOException e) {
            return Answer.error(400, coding.equals("gzip") ? "the body is not valid gzip: " + e.getMessage()
                    : "cannot read the body: " + e.getMessage());
        }
        if (json == null) {
            return Answer.error(413, "the event is more than the " + max + " bytes allowed");
        }
        if (!workers.processing()) {
            return Answer.error(408, "the body took longer than allowed to arrive");
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
                : ",\"warnings\":[" + String.join(",", event.warnings().stream().map(ReceiverIo::quote).toList()) + "]";
        if (stored.added() == 1) {
            added.incrementAndGet();
            return new Answer(201, "{\"stored\":true" + warnings + "}");
        }
        repeated.incrementAndGet();
        return new Answer(200, "{\"stored\":false,\"repeat\":true" + warnings + "}");
    }

    /** Whether {@code header} is {@code Bearer <token>} with our token; the scheme's case does not matter (RFC 7235). */
    private boolean bearerMatches(String header) {
        if (header == null) {
            return false;
        }
        String[] parts = header.strip().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")
                && MessageDigest.isEqual(expectedToken, parts[1].strip().getBytes(StandardCharsets.UTF_8));
    }
}
