package dev.braid.experiments.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.sync.BodyTooLargeException;
import dev.braid.sync.CappedBody;
import dev.braid.sync.Secrets;
import dev.braid.sync.Sleeper;
import dev.braid.sync.SyncFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * W&B's public API: GraphQL queries POSTed to {@code <base>/graphql} with the API key as HTTP basic
 * authentication (user {@code api}), as W&B's clients send it. Every failure becomes a
 * {@link SyncFailure} a user can act on, with the key masked: 401/403 name the variable the key
 * came from; 429 waits as long as {@code Retry-After} says (up to {@code maxRateWait}, else the
 * sync is retried later); 5xx, timeouts and broken answers are retried a few times; GraphQL
 * {@code errors} in an answer fail the sync with W&B's message.
 */
public final class WandbGraphql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CANCEL_POLL_MS = 100;
    private final URI base;
    private final String authHeader;
    private final String keyWords;
    private final Secrets secrets;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Options options;
    private final BooleanSupplier cancelled;
    private final Consumer<String> progress;

    /** Timeout per request, tries of a transient failure, the first retry's delay, the longest rate-limit wait. */
    public record Options(Duration timeout, int attempts, Duration retryDelay, Duration maxRateWait, Sleeper sleeper) {
        public static Options standard() {
            return new Options(Duration.ofSeconds(60), 4, Duration.ofMillis(500), Duration.ofMinutes(5), Sleeper.REAL);
        }
    }

    /**
     * @param apiKey   the API key (registered with {@code secrets} by the caller), or null for none
     * @param keyWords where the key came from, for messages ({@code "the API key from $WANDB_API_KEY"})
     */
    public WandbGraphql(URI base, String apiKey, String keyWords, Secrets secrets, Options options,
                        BooleanSupplier cancelled, Consumer<String> progress) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.authHeader = apiKey == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.keyWords = keyWords;
        this.secrets = secrets;
        if (apiKey != null) {
            secrets.registerBasic("api", apiKey);
        }
        this.options = options;
        this.cancelled = cancelled;
        this.progress = progress;
    }

    public String where() {
        return "W&B at " + base;
    }

    /** Runs {@code query} (named {@code operation}, for messages) with {@code variables}; returns its {@code data}. */
    public JsonNode query(String operation, String query, Map<String, ?> variables) throws SyncFailure {
        ObjectNode body = JSON.createObjectNode();
        body.put("operationName", operation);
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        byte[] answer = post(operation, body.toString());
        JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.contains("end-of-input")) {
                throw SyncFailure.transientFailure(where() + " broke off its answer to " + operation, e);
            }
            throw SyncFailure.permanent(where() + " answered " + operation + " with malformed JSON: " + m, e);
        } catch (IOException e) {
            throw SyncFailure.permanent(where() + " answered " + operation + " with an unreadable body", e);
        }
        if (node == null || !node.isObject()) {
            throw SyncFailure.permanent(where() + " answered " + operation + " with something that is not a JSON object", null);
        }
        JsonNode errors = node.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            String message = errors.get(0).path("message").asText("an error");
            throw SyncFailure.permanent(secrets.mask(where() + " refused " + operation + ": " + shorten(message)), null);
        }
        JsonNode data = node.path("data");
        if (!data.isObject()) {
            throw SyncFailure.permanent(where() + " answered " + operation + " without data", null);
        }
        return data;
    }

    /**
     * GETs a file W&B named (an artifact's manifest), capped at {@code maxBytes}. Credentials go
     * only to W&B's own host: a signed URL in a bucket gets none.
     */
    public byte[] download(String url, long maxBytes) throws SyncFailure {
        URI uri = base.resolve(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
        if (authHeader != null && sameServer(uri)) {
            request.header("Authorization", authHeader);
        }
        return send("a download", request, maxBytes);
    }

    private byte[] post(String operation, String body) throws SyncFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("graphql")).timeout(options.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", "braid").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authHeader != null) {
            request.header("Authorization", authHeader);
        }
        return send(operation, request, CappedBody.standardMaxBytes());
    }

    private byte[] send(String what, HttpRequest.Builder request, long maxBytes) throws SyncFailure {
        int rateWaits = 0;
        for (int attempt = 1; ; attempt++) {
            SyncFailure failure;
            try {
                HttpResponse<byte[]> response = await(what, client.sendAsync(request.build(),
                        CappedBody.ofByteArray(maxBytes, where() + " answering " + what)));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                String text = new String(response.body(), StandardCharsets.UTF_8);
                if (status == 429 || status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                    long wait = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                    if (wait > options.maxRateWait().toMillis() || rateWaits >= 3) {
                        throw SyncFailure.retryAfter(where() + " says it is rate limiting Braid (HTTP " + status
                                + "); it asked to wait " + Math.max(1, wait / 1000) + " s. Braid will sync again after that.", wait);
                    }
                    rateWaits++;
                    attempt--;
                    waitFor(wait, "W&B is rate limiting; waiting " + Math.max(1, wait / 1000) + " s as it asked");
                    continue;
                }
                failure = failure(what, status, text);
            } catch (SyncFailure e) {
                failure = e;
            }
            if (!failure.isTransient() || failure.retryAfterMillis() >= 0 || attempt >= options.attempts()) {
                throw failure;
            }
            waitFor(options.retryDelay().toMillis() << (attempt - 1), null);
        }
    }

    private SyncFailure failure(String what, int status, String body) {
        String detail = detail(body);
        if (status == 401) {
            return SyncFailure.permanent(authHeader == null
                    ? where() + " requires an API key (HTTP 401" + detail + "). Name the environment variable holding it"
                    + " with --key-env."
                    : where() + " did not accept " + keyWords + " (HTTP 401" + detail + "). Check that the key is valid"
                    + " for this server.", null);
        }
        if (status == 403) {
            return SyncFailure.permanent(where() + " refused " + what + " to " + keyWords + " (HTTP 403" + detail
                    + "): the key lacks permission to read this project.", null);
        }
        if (status == 404) {
            return SyncFailure.permanent(where() + " has no GraphQL API here (HTTP 404 for " + what + "). Check the"
                    + " address: it is the server's base URL, such as https://api.wandb.ai.", null);
        }
        if (status >= 500 || status == 408) {
            return SyncFailure.transientFailure(where() + " failed to answer " + what + " (HTTP " + status + detail
                    + "); tried " + options.attempts() + " times.", null);
        }
        return SyncFailure.permanent(where() + " answered " + what + " with HTTP " + status + detail, null);
    }

    /** W&B's own message from an error body (GraphQL {@code errors} or a plain {@code error}), short and masked. */
    private String detail(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null) {
                JsonNode errors = node.path("errors");
                String text = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("message").asText(null)
                        : node.path("error").isTextual() ? node.get("error").asText() : null;
                if (text != null) {
                    return ": " + secrets.mask(shorten(text));
                }
            }
        } catch (JsonProcessingException | RuntimeException ignored) {
            // Not JSON (a proxy's page): the status says enough.
        }
        return "";
    }

    private boolean sameServer(URI uri) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase(base.getHost()) && uri.getPort() == base.getPort();
    }

    /** Retry-After in seconds (W&B sends seconds); a missing or odd value means a minute. */
    private static long retryAfter(String value) {
        if (value != null) {
            try {
                return Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000));
            } catch (NumberFormatException ignored) {
                // An HTTP date or junk: wait the default.
            }
        }
        return 60_000;
    }

    private void waitFor(long millis, String message) {
        if (message != null) {
            progress.accept(message);
        }
        try {
            options.sleeper().sleep(Duration.ofMillis(millis), cancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    private <T> HttpResponse<T> await(String what, CompletableFuture<HttpResponse<T>> pending) throws SyncFailure {
        long deadline = System.nanoTime() + options.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (true) {
                try {
                    return pending.get(CANCEL_POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        pending.cancel(true);
                        throw new CancellationException("cancelled while waiting for " + where());
                    }
                    if (System.nanoTime() > deadline) {
                        pending.cancel(true);
                        throw SyncFailure.transientFailure(where() + " did not answer " + what + " within "
                                + options.timeout().toSeconds() + " s.", null);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            BodyTooLargeException tooLarge = BodyTooLargeException.find(cause);
            if (tooLarge != null) {
                throw SyncFailure.permanent(tooLarge.getMessage(), tooLarge);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw SyncFailure.transientFailure(where() + " did not accept a connection in time (is the address"
                        + " right, and the server up?)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw SyncFailure.transientFailure(where() + " did not answer " + what + " within "
                        + options.timeout().toSeconds() + " s.", cause);
            }
            String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
            throw SyncFailure.transientFailure(secrets.mask("cannot reach " + where() + ": " + message), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
