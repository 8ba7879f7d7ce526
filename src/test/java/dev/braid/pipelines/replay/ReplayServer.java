package dev.braid.pipelines.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP server on 127.0.0.1 that answers like a CI service's API (the {@link Api} given), for
 * services that cannot run here. Tests add faults: a status with headers for the next N matching
 * requests, slow answers, bodies that break off. Every request is recorded.
 *
 * <p>Where the service publishes an OpenAPI description ({@link Api#contract()}), every answer,
 * faults included, is checked against it as it is sent; {@link #close()} fails when one did not
 * conform, so every test using the server checks the replay's payloads.
 */
public final class ReplayServer implements AutoCloseable {
    /** A request as the API sees it. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String param(String name) {
            return query.get(name);
        }

        public int intParam(String name, int fallback) {
            String v = query.get(name);
            return v == null || !v.matches("\\d+") ? fallback : Integer.parseInt(v);
        }
    }

    /** An answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
                    json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply text(int status, String text) {
            return new Reply(status, new LinkedHashMap<>(Map.of("Content-Type", "text/plain; charset=utf-8")),
                    text.getBytes(StandardCharsets.UTF_8));
        }

        public Reply with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Reply(status, h, body);
        }
    }

    /** One service's API. */
    public interface Api {
        Reply answer(Request request);

        /** The service's published description its answers must conform to; null where it publishes none. */
        default OpenApiContract contract() {
            return null;
        }
    }

    /** What to do instead of answering normally. */
    public record Fault(Predicate<Request> when, int times, Reply reply, long delayMillis, boolean truncate) {
    }

    static {
        // The JDK server otherwise waits for delayed ACKs (Nagle) on every small answer: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ExecutorService checker = Executors.newSingleThreadExecutor();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicInteger> used = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Predicate<Request>> chunked = new CopyOnWriteArrayList<>();
    private volatile Api api;
    private volatile boolean checking = true;

    private ReplayServer(Api api) throws IOException {
        this.api = api;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static ReplayServer start(Api api) throws IOException {
        return new ReplayServer(api);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void api(Api replacement) {
        this.api = replacement;
    }

    /** Answers the next {@code times} requests matching {@code when} with {@code reply}. */
    public void fail(Predicate<Request> when, int times, Reply reply) {
        faults.add(new Fault(when, times, reply, 0, false));
    }

    /** Delays the next {@code times} matching answers by {@code millis}. */
    public void slow(Predicate<Request> when, int times, long millis) {
        faults.add(new Fault(when, times, null, millis, false));
    }

    /** Sends only half the body of the next {@code times} matching answers, then closes the connection. */
    public void truncate(Predicate<Request> when, int times) {
        faults.add(new Fault(when, times, null, 0, true));
    }

    /**
     * Sends matching answers chunked, without a {@code Content-Length}: the client learns how big
     * the body is only while it streams in.
     */
    public void chunked(Predicate<Request> when) {
        chunked.add(when);
    }

    public static Predicate<Request> pathContains(String part) {
        return r -> r.path().contains(part);
    }

    public static Predicate<Request> any() {
        return r -> true;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public long count(Predicate<Request> which) {
        return requests.stream().filter(which).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Turns the check against the published description off (benchmarks timing the server) or on. */
    public ReplayServer checkAnswers(boolean on) {
        this.checking = on;
        return this;
    }

    /** Answers so far that did not conform to the service's published description. */
    public List<String> violations() {
        return new ArrayList<>(violations);
    }

    private void check(Request request, Reply reply) {
        OpenApiContract contract = api.contract();
        if (!checking || contract == null) {
            return;
        }
        try {
            violations.addAll(contract.check(request.method(), request.path(), reply.status(), reply.headers(), reply.body()));
        } catch (RuntimeException e) {
            violations.add(request.method() + " " + request.path() + ": the check failed: " + e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> query = new LinkedHashMap<>();
            String raw = uri.getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(key, value);
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), query, headers, body);
            requests.add(request);
            Fault fault = takeFault(request);
            if (fault != null && fault.delayMillis() > 0) {
                sleep(fault.delayMillis());
            }
            Reply reply = fault != null && fault.reply() != null ? fault.reply() : api.answer(request);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean noBody = reply.status() == 304 || reply.status() == 204 || reply.body().length == 0;
            boolean chunk = chunked.stream().anyMatch(p -> p.test(request));
            // Checked on a thread of its own, so that checking never slows an answer down; handed
            // over before the answer goes out, so that a client that closes the server as soon
            // as it has the answer still finds the check done.
            if (checking && api.contract() != null) {
                checker.submit(() -> check(request, reply));
            }
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : chunk ? 0 : reply.body().length);
            if (!noBody) {
                OutputStream out = exchange.getResponseBody();
                if (fault != null && fault.truncate()) {
                    out.write(reply.body(), 0, reply.body().length / 2);
                    out.flush();
                    // Closing the exchange now leaves the promised length unmet: the client sees the body break off.
                    exchange.getHttpContext().getServer();
                    throw new IOException("truncated on purpose");
                }
                out.write(reply.body());
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the body was cut on purpose.
        }
    }

    private Fault takeFault(Request request) {
        for (Fault fault : faults) {
            if (fault.when().test(request)) {
                int n = used.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
                if (n >= fault.times()) {
                    faults.remove(fault);
                }
                if (n <= fault.times()) {
                    return fault;
                }
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server; fails when an answer broke the service's published description. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        checker.shutdown();
        try {
            if (!checker.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
                violations.add("the answers were not all checked within two minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!violations.isEmpty()) {
            throw new IllegalStateException(violations.size() + " replay answers broke the service's published API"
                    + " description, first: " + String.join("\n", violations.subList(0, Math.min(5, violations.size()))));
        }
    }
}
