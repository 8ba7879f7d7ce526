package dev.braid.pipelines.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.pipelines.PipelineException;
import dev.braid.sync.RequestRetry;
import dev.braid.sync.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * HTTP to one CI service's API, with every failure turned into a {@link PipelineException} a
 * user can act on: 401/403/404 name the credentials used (never their values), 5xx, timeouts and
 * answers that break off are retried a few times, and rate limits are honoured: a request is held
 * back while the service says none are left, and a 429 (or GitHub's 403 with no requests left) waits
 * for the reset the service names when that is within {@code maxRateWait}, else fails saying when
 * to try again. Bodies are capped.
 */
public final class CiHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String service;
    private final URI base;
    private final CiAuth.Credentials credentials;
    private final HttpClient client;
    private final Options options;
    private final RequestRetry retry;
    private volatile long rateRemaining = -1;
    private volatile long rateResetMillis = -1;

    /**
     * @param timeout     per request, answer included
     * @param attempts    tries of a request that failed transiently (5xx, network, timeout)
     * @param maxRateWait the longest wait for a rate limit's reset before giving up
     * @param bodyCap     the largest API answer read; a larger one fails the request
     * @param maxPages    the most pages one listing reads ({@link PageGuard})
     */
    public record Options(Duration timeout, int attempts, Duration retryDelay, Duration maxRateWait, long bodyCap,
                          Sleeper sleeper, Clock clock, int maxPages) {
        /** The largest API answer read in normal use: 64 MiB, hundreds of times a page of 100 runs. */
        public static final long STANDARD_BODY_CAP = 64L * 1024 * 1024;

        public Options {
            if (bodyCap < 1 || maxPages < 1) {
                throw new IllegalArgumentException("bodyCap and maxPages must be positive");
            }
        }

        public static Options standard(Clock clock) {
            return new Options(Duration.ofSeconds(30), 3, Duration.ofMillis(500), Duration.ofMinutes(10),
                    STANDARD_BODY_CAP, Sleeper.REAL, clock, PageGuard.MAX_PAGES);
        }

        /** These options with another per-request timeout. */
        public Options withTimeout(Duration newTimeout) {
            return new Options(newTimeout, attempts, retryDelay, maxRateWait, bodyCap, sleeper, clock, maxPages);
        }

        /** These options with other limits (tests use small ones to see the refusals quickly). */
        public Options withLimits(int newMaxPages, long newBodyCap) {
            return new Options(timeout, attempts, retryDelay, maxRateWait, newBodyCap, sleeper, clock, newMaxPages);
        }

        /** These options with the request timeout the source's {@code timeout_s} setting names, if it names one. */
        public Options forSource(dev.braid.sync.Source source) {
            String seconds = source.config("timeout_s");
            if (seconds == null || !seconds.strip().matches("\\d{1,5}")) {
                return this;
            }
            return withTimeout(Duration.ofSeconds(Long.parseLong(seconds.strip())));
        }
    }

    /** An answer: 2xx or 304. */
    public record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public boolean notModified() {
            return status == 304;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public CiHttp(String service, URI base, CiAuth.Credentials credentials, Options options, BooleanSupplier cancelled,
                  Consumer<String> progress) {
        String text = base.toString();
        this.service = service;
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.credentials = credentials;
        this.options = options;
        this.retry = new RequestRetry(options.timeout(), options.attempts(), options.retryDelay(), options.maxRateWait(),
                options.sleeper(), options.clock(), cancelled, progress);
        // Over plain http, HTTP/2 would be an h2c upgrade offered on every request, which the
        // servers these APIs run on (uvicorn, Jetty, Go's net/http) do not take: the offer only
        // delays each answer (measured: a first Airflow sync spent most of its time waiting on it,
        // docs/benchmarks.md). Over https HTTP/2 is negotiated with ALPN as usual.
        this.client = HttpClient.newBuilder().connectTimeout(options.timeout())
                .version(this.base.getScheme().equals("http") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    /** A guard for one listing of {@code what}, with this source's page limit. */
    public PageGuard pages(String what) {
        return new PageGuard(what, options.maxPages());
    }

    public String where() {
        return service + " at " + base;
    }

    /** GET {@code path} (relative to the base, or an absolute URL the service gave) and read JSON. */
    public JsonNode json(String path) throws PipelineException {
        return parse(path, get(path, null));
    }

    public JsonNode parse(String path, Response response) throws PipelineException {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw PipelineException.transientFailure(where() + " answered " + shortPath(path) + " with an empty body", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("end-of-input")) {
                throw PipelineException.transientFailure(where() + " answered " + shortPath(path)
                        + " with a body that broke off: " + message, e);
            }
            throw PipelineException.permanent(where() + " answered " + shortPath(path) + " with malformed JSON: " + message, e);
        } catch (IOException e) {
            throw PipelineException.permanent(where() + " answered " + shortPath(path) + " with an unreadable body", e);
        }
    }

    /**
     * POST {@code body} as {@code contentType} to {@code path} and read JSON (a query API such as
     * Artifactory's AQL). Retried like a GET: the queries sent are reads.
     */
    public JsonNode postJson(String path, String contentType, String body) throws PipelineException {
        Response response = send(path, null, CappedBody.failAbove(options.bodyCap()), true, "application/json",
                new Post(contentType, body));
        return parse(path, response);
    }

    /** A request body; null means GET. */
    private record Post(String contentType, String body) {
    }

    /** GET with {@code If-None-Match: etag} when an ETag is given; a 304 is returned, not thrown. */
    public Response get(String path, String etag) throws PipelineException {
        return follow(path, etag, CappedBody.failAbove(options.bodyCap()), "application/json");
    }

    /**
     * GET a log: follows redirects by hand (a download on another host gets no credentials), keeps
     * the last {@code cap} bytes.
     */
    public Response download(String path, long cap) throws PipelineException {
        return download(path, cap, "application/json");
    }

    /** Like {@link #download(String, long)}, asking for {@code accept} (such as {@code text/plain}). */
    public Response download(String path, long cap, String accept) throws PipelineException {
        return follow(path, null, CappedBody.keepTail(cap), accept);
    }

    private Response follow(String path, String etag, HttpResponse.BodyHandler<CappedBody.Bytes> handler, String accept)
            throws PipelineException {
        String target = path;
        boolean withAuth = sameServer(resolve(path));
        for (int hop = 0; hop < 5; hop++) {
            Response response = send(target, hop == 0 ? etag : null, handler, withAuth, accept, null);
            if (response.status() / 100 != 3 || response.status() == 304) {
                return response;
            }
            String location = response.header("Location");
            if (location == null) {
                throw PipelineException.permanent(where() + " redirected " + shortPath(target) + " without a Location", null);
            }
            URI next = resolve(target).resolve(location);
            withAuth = withAuth && sameServer(next);
            target = next.toString();
        }
        throw PipelineException.permanent(where() + " redirected " + shortPath(path) + " more than five times", null);
    }

    /** Credentials go only to the service's own host and port, never to a download elsewhere. */
    private boolean sameServer(URI uri) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase(base.getHost()) && uri.getPort() == base.getPort();
    }

    private URI resolve(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? URI.create(path) : base.resolve(path);
    }

    private Response send(String path, String etag, HttpResponse.BodyHandler<CappedBody.Bytes> handler, boolean withAuth,
                          String accept, Post post) throws PipelineException {
        return retry.send(() -> {
            holdForRateLimit(path);
            HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(options.timeout())
                    .header("Accept", accept).header("User-Agent", "braid");
            if (withAuth) {
                credentials.headers().forEach(request::setHeader);
            }
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (post != null) {
                request.header("Content-Type", post.contentType())
                        .POST(HttpRequest.BodyPublishers.ofString(post.body(), StandardCharsets.UTF_8));
            } else {
                request.GET();
            }
            HttpResponse<CappedBody.Bytes> response = await(path, client.sendAsync(request.build(), handler));
            remember(response.headers());
            int status = response.statusCode();
            CappedBody.Bytes body = response.body();
            if (status / 100 == 2 || status == 304 || status / 100 == 3) {
                return RequestRetry.Outcome.done(new Response(status, response.headers(), body.data(), body.truncated()));
            }
            long wait = rateLimitWait(status, response.headers());
            if (wait >= 0) {
                return RequestRetry.Outcome.rateLimited(status, wait);
            }
            throw failure(path, status, new String(body.data(), StandardCharsets.UTF_8));
        }, rateLimit);
    }

    /** How this service's rate limit is told: when it resets, and the wait while it does. */
    private final RequestRetry.RateLimit<PipelineException> rateLimit = new RequestRetry.RateLimit<>() {
        @Override
        public PipelineException tooLong(int status, long waitMillis) {
            return PipelineException.retryAfter(where() + " says its rate limit is used up (HTTP " + status
                    + "); it resets at " + clockTime(options.clock().millis() + waitMillis) + ". Braid will sync"
                    + " again after that.", waitMillis);
        }

        @Override
        public String waiting(long waitMillis) {
            return "rate limit of " + service + " reached; waiting " + Math.max(1, waitMillis / 1000)
                    + " s for it to reset";
        }
    };

    private void holdForRateLimit(String path) throws PipelineException {
        long now = options.clock().millis();
        if (rateRemaining == 0 && rateResetMillis > now) {
            long wait = rateResetMillis - now;
            if (wait > options.maxRateWait().toMillis()) {
                throw PipelineException.retryAfter(where() + " has no requests left before its rate limit resets at "
                        + clockTime(rateResetMillis) + "; Braid will sync again after that.", wait);
            }
            retry.pause(wait, "no requests to " + service + " left; waiting " + Math.max(1, wait / 1000)
                    + " s for its rate limit to reset");
            rateRemaining = -1;
        }
    }

    private void remember(HttpHeaders headers) {
        long remaining = number(headers, "x-ratelimit-remaining", "ratelimit-remaining");
        long reset = number(headers, "x-ratelimit-reset", "ratelimit-reset");
        if (remaining >= 0) {
            rateRemaining = remaining;
            rateResetMillis = reset >= 0 ? reset * 1000 : -1;
        }
    }

    /** How long the service asks us to wait, or -1 when the answer is no rate limit. */
    long rateLimitWait(int status, HttpHeaders headers) {
        boolean limited = status == 429 || status == 403 && (number(headers, "x-ratelimit-remaining") == 0
                || headers.firstValue("retry-after").isPresent());
        if (!limited) {
            return -1;
        }
        long now = options.clock().millis();
        long wait = retry.retryAfterMillis(headers.firstValue("retry-after").orElse(null));
        long reset = number(headers, "x-ratelimit-reset", "ratelimit-reset");
        if (wait < 0 && reset >= 0) {
            wait = Math.max(0, reset * 1000 - now);
        }
        return wait < 0 ? RequestRetry.DEFAULT_RATE_WAIT_MS : wait;
    }

    private static long number(HttpHeaders headers, String... names) {
        for (String name : names) {
            String value = headers.firstValue(name).orElse(null);
            if (value != null) {
                try {
                    return Long.parseLong(value.strip());
                } catch (NumberFormatException ignored) {
                    // Not a number: as if absent.
                }
            }
        }
        return -1;
    }

    private <T> HttpResponse<T> await(String path, CompletableFuture<HttpResponse<T>> pending) throws PipelineException {
        try {
            return retry.await(pending, where());
        } catch (HttpTimeoutException e) {
            throw slow(path, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw PipelineException.transientFailure(where() + " did not accept a connection in time (is the address"
                        + " right, and the server up?)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw slow(path, cause);
            }
            if (cause instanceof CappedBody.TooLarge tooLarge) {
                throw PipelineException.permanent(where() + " answered " + shortPath(path) + " with more than Braid reads: "
                        + tooLarge.getMessage() + ". A correct server does not answer that much at once; nothing from"
                        + " this sync was stored.", cause);
            }
            String detail = cause == null ? "" : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + mask(cause.getMessage()) + ")");
            String words = cause instanceof IOException io && io.getMessage() != null && io.getMessage().contains("EOF")
                    ? where() + " broke off its answer to " + shortPath(path) + ": " : "cannot reach " + where() + ": ";
            throw PipelineException.transientFailure(words + detail, cause);
        }
    }

    private PipelineException slow(String path, Throwable cause) {
        return PipelineException.transientFailure(where() + " did not answer " + shortPath(path) + " within "
                + options.timeout().toSeconds() + " s; it may be overloaded.", cause);
    }

    private PipelineException failure(String path, int status, String body) {
        String detail = errorDetail(body);
        String asked = shortPath(path);
        if (status == 401) {
            return PipelineException.permanent(!credentials.present()
                    ? where() + " requires credentials (HTTP 401" + detail + "). Name the environment variable holding a"
                    + " token (--token-env), or add a ~/.netrc entry for " + base.getHost() + "."
                    : where() + " did not accept " + credentials.words() + " (HTTP 401" + detail + "). Check that the"
                    + " token is valid and not expired.", null);
        }
        if (status == 403) {
            return PipelineException.permanent(where() + " refused " + asked + " to " + credentials.words() + " (HTTP 403"
                    + detail + "): these credentials lack permission to read it.", null);
        }
        if (status == 404) {
            return PipelineException.notFound(where() + " has no " + asked + " (HTTP 404" + detail + "). Check the project"
                    + " name" + (!credentials.present() ? "; a private project needs credentials." : ", and that "
                    + credentials.words() + " may see it."));
        }
        if (status >= 500 || status == 408) {
            return PipelineException.transientFailure(where() + " failed to answer " + asked + " (HTTP " + status + detail
                    + "); tried " + options.attempts() + " times.", null);
        }
        return PipelineException.permanent(where() + " answered " + asked + " with HTTP " + status + detail, null);
    }

    /** The service's own message from a JSON error body, short, with any secret masked. */
    private String errorDetail(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.path("errors").path(0).path("message").isTextual()) {
                // Artifactory's (and JFrog's) error body: {"errors": [{"status": 401, "message": "..."}]}
                node = node.path("errors").path(0);
            }
            if (node != null) {
                for (String field : new String[] {"message", "error", "error_description"}) {
                    if (node.path(field).isTextual()) {
                        String text = node.get(field).asText();
                        return ": " + mask(text.length() > 200 ? text.substring(0, 200) + "…" : text);
                    }
                }
            }
        } catch (JsonProcessingException | RuntimeException ignored) {
            // Not JSON (a proxy's page): the status says enough.
        }
        return "";
    }

    /** Masks every secret of these credentials in {@code text}. */
    public String mask(String text) {
        String out = text;
        for (String secret : credentials.secrets()) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    /** The path without its query, for messages. */
    private String shortPath(String path) {
        String p = path.startsWith(base.toString()) ? path.substring(base.toString().length()) : path;
        int q = p.indexOf('?');
        return "/" + (q >= 0 ? p.substring(0, q) : p).replaceFirst("^/", "");
    }

    private static String clockTime(long millis) {
        return DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }
}
