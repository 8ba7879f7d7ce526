package dev.braid.pipelines.orchestrators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.ci.CiAuth;
import dev.braid.sync.Source;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The credentials an Airflow source sends, never stored: a token from the variable
 * {@code token_env} names (a bearer token on either API); else {@code username} with the password
 * from {@code password_env}, or the {@code ~/.netrc} entry for the server's host: Airflow 2 takes
 * them as HTTP basic authentication, Airflow 3 trades them for a token at {@code POST /auth/token}
 * (a JWT, valid a day by default, asked for again at every sync). Passwords and tokens are masked in
 * every message.
 */
final class AirflowLogin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AirflowLogin() {
    }

    static CiAuth.Credentials credentials(AirflowApi api, Source source, URI server, Map<String, String> env,
                                          Duration timeout) throws PipelineException {
        CiAuth.Login login = CiAuth.login(source, server.getHost(), env);
        if (login.isNone()) {
            return CiAuth.Credentials.none();
        }
        if (login.isToken()) {
            return CiAuth.Credentials.bearer(login.token(), login.words());
        }
        String user = login.user();
        String password = login.password();
        String words = login.words();
        if (api == AirflowApi.V1) {
            return CiAuth.basic(user, password, words);
        }
        String token = token(server, user, password, words, timeout);
        return CiAuth.Credentials.bearer(token, words).masking(password.isEmpty() ? List.of() : List.of(password));
    }

    /** The largest login answer read: a token answer is a few hundred bytes. */
    static final long MAX_TOKEN_ANSWER = 1L << 20;

    /** {@code POST /auth/token} with the user and password; the access token it answers. */
    static String token(URI server, String user, String password, String words, Duration timeout) throws PipelineException {
        ObjectNode body = JSON.createObjectNode();
        body.put("username", user);
        body.put("password", password);
        URI login = server.resolve("auth/token");
        HttpRequest request = HttpRequest.newBuilder(login).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json").header("User-Agent", "braid")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> response;
        try {
            // HTTP/1.1: a POST that offers an upgrade to HTTP/2 (h2c) is refused by Airflow's uvicorn.
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build().send(request,
                    dev.braid.sync.CappedBody.ofByteArray(MAX_TOKEN_ANSWER, "Airflow at " + server + " answering POST /auth/token"));
        } catch (IOException e) {
            dev.braid.sync.BodyTooLargeException tooLarge = dev.braid.sync.BodyTooLargeException.find(e);
            if (tooLarge != null) {
                throw PipelineException.permanent(tooLarge.getMessage(), e);
            }
            throw PipelineException.transientFailure("cannot reach Airflow at " + server + " to log in: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw PipelineException.permanent("Airflow at " + server + " did not accept " + words + " (POST /auth/token"
                    + " answered HTTP " + status + "). Check the user name and password.", null);
        }
        if (status == 404 || status == 405) {
            throw PipelineException.permanent("Airflow at " + server + " has no /auth/token to log in at (HTTP " + status
                    + "); with an Airflow 3 auth manager that issues tokens elsewhere, give a token with --token-env.", null);
        }
        if (status / 100 != 2) {
            String words5xx = "Airflow at " + server + " failed to answer POST /auth/token (HTTP " + status + ")";
            throw status >= 500 ? PipelineException.transientFailure(words5xx, null) : PipelineException.permanent(words5xx, null);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            String token = answer == null ? null : answer.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw PipelineException.permanent("Airflow at " + server + " answered POST /auth/token without an access_token",
                        null);
            }
            return token;
        } catch (IOException e) {
            throw PipelineException.permanent("Airflow at " + server + " answered POST /auth/token with malformed JSON", e);
        }
    }
}
