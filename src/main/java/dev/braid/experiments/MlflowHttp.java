package dev.braid.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * JSON over HTTP to one MLflow server, with every failure turned into an {@link MlflowException}
 * whose message a user can act on. Never puts credentials into messages.
 */
final class MlflowHttp {
    static final String API = "api/2.0/mlflow/";
    private final URI base;
    private final String authHeader;
    private final String authWords;
    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /** @param authHeader the Authorization header value, or null */
    MlflowHttp(URI base, String authHeader, String authWords, HttpClient client, Duration timeout) {
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
        throw failure(path, status, body, response.headers());
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
        try {
            String text = json.writeValueAsString(body);
            return send(endpoint, request(API + endpoint).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)));
        } catch (JsonProcessingException e) {
            throw MlflowException.permanent("cannot encode the request to " + endpoint + ": " + e.getOriginalMessage(), e);
        }
    }

    /** DELETE with {@code body} as JSON: MLflow reads a DELETE's parameters from its body. */
    JsonNode delete(String endpoint, Object body) throws MlflowException {
        try {
            String text = json.writeValueAsString(body);
            return send(endpoint, request(API + endpoint).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(text)));
        } catch (JsonProcessingException e) {
            throw MlflowException.permanent("cannot encode the request to " + endpoint + ": " + e.getOriginalMessage(), e);
        }
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
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MlflowException.transientFailure("cannot reach MLflow at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MlflowException.transientFailure("interrupted while talking to MLflow at " + base, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(endpoint, status, response.body(), response.headers());
        }
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw MlflowException.permanent("MLflow at " + base + " answered " + endpoint
                        + " with something that is not a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw MlflowException.permanent("MLflow at " + base + " answered " + endpoint + " with malformed JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private MlflowException failure(String endpoint, int status, String body, HttpHeaders headers) {
        String detail = errorDetail(body);
        String where = "MLflow at " + base + " answered " + endpoint + " with HTTP " + status + detail;
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
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
