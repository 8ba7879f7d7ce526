package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.sync.BodyTooLargeException;
import dev.braid.sync.CappedBody;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * JSON over HTTP to one MLflow server, with every failure turned into an {@link MlflowException}
 * whose message a user can act on. Never puts credentials into messages.
 */
final class MlflowHttp {
    static final String API = "api/2.0/mlflow/";
    static final long CANCEL_POLL_MS = 100;
    /** The largest answer read from the JSON API ({@link CappedBody#standardMaxBytes()}). */
    static final long MAX_ANSWER_BYTES = CappedBody.standardMaxBytes();
    private final URI base;
    private final String authHeader;
    private final String authWords;
    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final BooleanSupplier cancelled;

    /**
     * @param authHeader the Authorization header value, or null
     * @param cancelled  asked while a request is outstanding; true abandons it with a {@link CancellationException}
     */
    MlflowHttp(URI base, String authHeader, String authWords, HttpClient client, Duration timeout, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.authHeader = authHeader;
        this.authWords = authWords;
        this.client = client;
        this.timeout = timeout;
    }

    URI base() {
        return base;
    }

    /** GET {@code endpoint} with query parameters; a list value repeats its key. */
    JsonNode get(String endpoint, Map<String, ?> query) throws MlflowException {
        return send(endpoint, request(API + endpoint + queryString(query)).GET());
    }

    /**
     * GET a file the server serves outside the JSON API ({@code path} relative to the server's
     * address, e.g. {@code get-artifact}) as a stream the caller closes. HTTP 404 is reported as
     * {@code missing}, not as a wrong server address.
     */
    InputStream download(String path, Map<String, ?> query, String missing) throws MlflowException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request(path + queryString(query)).setHeader("Accept", "*/*").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw MlflowException.transientFailure("cannot reach MLflow at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MlflowException.transientFailure("interrupted while talking to MLflow at " + base, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String body;
        try (InputStream in = response.body()) {
            // An error page is small; a proxy's may not be, and only its start can hold a message.
            body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        if (status == 404) {
            throw MlflowException.permanent(missing + " (MLflow at " + base + " answered HTTP 404" + errorDetail(body) + ")", null);
        }
        throw failure(path, status, response.headers(), body);
    }

    /** Reads a JSON answer token by token, without building a tree of it. */
    interface TokenReader<T> {
        /** Reads the answer; the parser stands on the opening brace of its top-level object. */
        T read(JsonParser parser) throws IOException;
    }

    /**
     * GET {@code endpoint} and hand the answer to {@code reader} as a token stream: for answers
     * such as a 100,000-point metric history, whose tree would take several times the memory of
     * the records read from it.
     */
    <T> T getParsed(String endpoint, Map<String, ?> query, TokenReader<T> reader) throws MlflowException {
        return parsed(endpoint, exchange(endpoint, request(API + endpoint + queryString(query)).GET()), reader);
    }

    /**
     * POST {@code body} as JSON to {@code endpoint} and hand the answer to {@code reader} as a token
     * stream (see {@link #getParsed}): for {@code runs/search} pages of 1,000 runs.
     */
    <T> T postParsed(String endpoint, Object body, TokenReader<T> reader) throws MlflowException {
        return parsed(endpoint, exchange(endpoint, jsonRequest(endpoint).POST(
                HttpRequest.BodyPublishers.ofString(encodeBody(endpoint, body)))), reader);
    }

    private <T> T parsed(String endpoint, byte[] body, TokenReader<T> reader) throws MlflowException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(endpoint);
            }
            return reader.read(parser);
        } catch (JsonProcessingException e) {
            throw malformed(endpoint, e);
        } catch (IOException e) {
            throw MlflowException.permanent("MLflow at " + base + " answered " + endpoint + " with an unreadable body: "
                    + describe(e), e);
        }
    }

    private static String queryString(Map<String, ?> query) {
        StringJoiner params = new StringJoiner("&");
        for (Map.Entry<String, ?> entry : query.entrySet()) {
            List<?> values = entry.getValue() instanceof List<?> list ? list : List.of(entry.getValue());
            for (Object value : values) {
                params.add(encode(entry.getKey()) + "=" + encode(String.valueOf(value)));
            }
        }
        return params.length() == 0 ? "" : "?" + params;
    }

    /** POST {@code body} as JSON to {@code endpoint}. */
    JsonNode post(String endpoint, Object body) throws MlflowException {
        return send(endpoint, jsonRequest(endpoint).POST(HttpRequest.BodyPublishers.ofString(encodeBody(endpoint, body))));
    }

    private HttpRequest.Builder jsonRequest(String endpoint) {
        return request(API + endpoint).header("Content-Type", "application/json");
    }

    private String encodeBody(String endpoint, Object body) throws MlflowException {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw MlflowException.permanent("cannot encode the request to " + endpoint + ": " + e.getOriginalMessage(), e);
        }
    }

    /** DELETE with {@code body} as JSON: MLflow reads a DELETE's parameters from its body. */
    JsonNode delete(String endpoint, Object body) throws MlflowException {
        return send(endpoint, jsonRequest(endpoint).method("DELETE", HttpRequest.BodyPublishers.ofString(encodeBody(endpoint, body))));
    }

    /** A request for {@code pathAndQuery}, relative to the server's address. */
    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json");
        if (authHeader != null) {
            builder.header("Authorization", authHeader);
        }
        return builder;
    }

    private JsonNode send(String endpoint, HttpRequest.Builder builder) throws MlflowException {
        byte[] body = exchange(endpoint, builder);
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw notAnObject(endpoint);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(endpoint, e);
        } catch (IOException e) {
            throw MlflowException.permanent("MLflow at " + base + " answered " + endpoint + " with an unreadable body: "
                    + describe(e), e);
        }
    }

    /** Sends the request and returns the body of a 2xx answer; any other answer becomes its failure. */
    private byte[] exchange(String endpoint, HttpRequest.Builder builder) throws MlflowException {
        HttpResponse<byte[]> response = await(endpoint, client.sendAsync(builder.build(),
                CappedBody.ofByteArray(MAX_ANSWER_BYTES, "MLflow at " + base + " answering " + endpoint)));
        if (response.statusCode() / 100 != 2) {
            throw failure(endpoint, response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private MlflowException notAnObject(String endpoint) {
        return MlflowException.permanent("MLflow at " + base + " answered " + endpoint
                + " with something that is not a JSON object", null);
    }

    private MlflowException malformed(String endpoint, JsonProcessingException e) {
        return MlflowException.permanent("MLflow at " + base + " answered " + endpoint + " with malformed JSON: "
                + e.getOriginalMessage(), e);
    }

    /**
     * Waits for an answer, looking every {@value #CANCEL_POLL_MS} ms whether the caller gave up, so
     * a slow server never holds a cancelled sync until the request timeout.
     */
    private <T> HttpResponse<T> await(String endpoint, CompletableFuture<HttpResponse<T>> pending) throws MlflowException {
        try {
            while (true) {
                try {
                    return pending.get(CANCEL_POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        pending.cancel(true);
                        throw new CancellationException("cancelled while waiting for MLflow at " + base + " to answer " + endpoint);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VirtualMachineError fatal) {
                // Out of memory in the client's threads: no request is trustworthy after it. Let it
                // reach the process's handler (FatalErrors), which ends the process, rather than
                // report it as an unreachable server and carry on.
                throw fatal;
            }
            BodyTooLargeException tooLarge = BodyTooLargeException.find(cause);
            if (tooLarge != null) {
                throw MlflowException.permanent(tooLarge.getMessage(), tooLarge);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw MlflowException.transientFailure("MLflow at " + base + " did not accept a connection in time"
                        + " (is the address right, and the server up?)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw MlflowException.transientFailure("MLflow at " + base + " did not answer " + endpoint + " within "
                        + seconds(timeout) + "; the server may be overloaded. Braid gave up on the request and will retry.", cause);
            }
            IOException io = cause instanceof IOException ioe ? ioe : new IOException(cause);
            throw MlflowException.transientFailure("cannot reach MLflow at " + base + ": " + describe(io), io);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw MlflowException.transientFailure("interrupted while talking to MLflow at " + base, e);
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private MlflowException failure(String endpoint, int status, HttpHeaders headers, String body) {
        String detail = errorDetail(body);
        String where = "MLflow at " + base + " answered " + endpoint + " with HTTP " + status + detail;
        if (status == 401 && authHeader == null) {
            return MlflowException.permanent("MLflow at " + base + " requires a login (HTTP 401). Give this source a user"
                    + " name and the variable holding its password (--username, --password-env) or a token variable"
                    + " (--token-env).", null);
        }
        if (status == 401) {
            return MlflowException.permanent("MLflow at " + base + " did not accept " + authWords
                    + " (HTTP 401). Check the user name and the password or token variable of this source.", null);
        }
        if (status == 403) {
            return MlflowException.permanent("MLflow at " + base + " refused access with " + authWords
                    + " (HTTP 403): this user lacks permission for " + endpoint + detail, null);
        }
        if (status == 404) {
            return MlflowException.notFound(where + ". Is " + base
                    + " the address of an MLflow tracking server (MLflow 2.x or 3.x)?");
        }
        if (status == 429 || status == 503) {
            long wait = retryAfter(headers);
            return wait >= 0 ? MlflowException.retryAfter(where, wait) : MlflowException.transientFailure(where, null);
        }
        if (status >= 500) {
            return MlflowException.transientFailure(where, null);
        }
        return MlflowException.permanent(where, null);
    }

    /** MLflow's own error code and message, when the body carries them. */
    private String errorDetail(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                String code = node.path("error_code").asText("");
                return ": " + (code.isEmpty() ? "" : code + ": ") + node.get("message").asText();
            }
        } catch (JsonProcessingException | RuntimeException ignored) {
            // Not JSON (a proxy's HTML page, say): the status alone has to do.
        }
        return "";
    }

    private static long retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(value -> {
            try {
                return Long.parseLong(value.strip()) * 1000;
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    private static String describe(IOException e) {
        return dev.braid.sync.PlainErrors.describe(e);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
