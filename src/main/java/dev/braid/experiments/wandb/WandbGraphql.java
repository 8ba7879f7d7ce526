package dev.braid.experiments.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.sync.BodyTooLargeException;
import dev.braid.sync.CappedBody;
import dev.braid.sync.RequestRetry;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * W&B's public API: GraphQL queries POSTed to {@code <base>/graphql} with the API key as HTTP basic
 * authentication (user {@code api}), as W&B's clients send it. Every failure becomes a
 * {@link SyncFailure} a user can act on, with the key masked: 401/403 name the variable the key
 * came from; 429 waits as long as {@code Retry-After} says (up to {@code maxRateWait}, else the
 * sync is retried later); 5xx, timeouts and broken answers are retried a few times (both by
 * {@link RequestRetry}, as every remote's client does); GraphQL {@code errors} in an answer fail the
 * sync with W&B's message.
 */
public final class WandbGraphql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String authHeader;
    private final String keyWords;
    private final Secrets secrets;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Options options;
    private final RequestRetry retry;

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
        this.retry = new RequestRetry(options.timeout(), options.attempts(), options.retryDelay(), options.maxRateWait(),
                options.sleeper(), Clock.systemUTC(), cancelled, progress);
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
        return retry.send(() -> {
            HttpResponse<byte[]> response = await(what, client.sendAsync(request.build(),
                    CappedBody.ofByteArray(maxBytes, where() + " answering " + what)));
            int status = response.statusCode();
            if (status / 100 == 2) {
                return RequestRetry.Outcome.done(response.body());
            }
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            if (status == 429 || status == 503 && retryAfter != null) {
                long wait = retry.retryAfterMillis(retryAfter);
                return RequestRetry.Outcome.rateLimited(status, wait < 0 ? RequestRetry.DEFAULT_RATE_WAIT_MS : wait);
            }
            throw failure(what, status, new String(response.body(), StandardCharsets.UTF_8));
        }, rateLimit);
    }

    /** W&B's words for its rate limit. */
    private final RequestRetry.RateLimit<SyncFailure> rateLimit = new RequestRetry.RateLimit<>() {
        @Override
        public SyncFailure tooLong(int status, long waitMillis) {
            return SyncFailure.retryAfter(where() + " says it is rate limiting Braid (HTTP " + status + "); it asked to"
                    + " wait " + Math.max(1, waitMillis / 1000) + " s. Braid will sync again after that.", waitMillis);
        }

        @Override
        public String waiting(long waitMillis) {
            return "W&B is rate limiting; waiting " + Math.max(1, waitMillis / 1000) + " s as it asked";
        }
    };

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

    private <T> HttpResponse<T> await(String what, CompletableFuture<HttpResponse<T>> pending) throws SyncFailure {
        try {
            return retry.await(pending, where());
        } catch (HttpTimeoutException e) {
            throw slow(what, e);
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
                throw slow(what, cause);
            }
            String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
            throw SyncFailure.transientFailure(secrets.mask("cannot reach " + where() + ": " + message), cause);
        }
    }

    private SyncFailure slow(String what, Throwable cause) {
        return SyncFailure.transientFailure(where() + " did not answer " + what + " within "
                + options.timeout().toSeconds() + " s.", cause);
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
