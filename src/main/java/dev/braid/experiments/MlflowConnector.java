package dev.braid.experiments;

import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Makes REST clients for MLflow sources, with credentials read from the environment at call time. */
public final class MlflowConnector {
    /** The source configuration key holding the server's address. */
    static final String URI_KEY = "uri";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private final Map<String, String> env;
    private HttpClient http;
    private final Duration requestTimeout;
    private final Secrets secrets;

    public MlflowConnector(Map<String, String> env, Duration requestTimeout) {
        this(env, requestTimeout, new Secrets());
    }

    /** With every token and password read from {@code env} registered in {@code secrets}, to be masked. */
    public MlflowConnector(Map<String, String> env, Duration requestTimeout, Secrets secrets) {
        this.env = Map.copyOf(env);
        this.requestTimeout = requestTimeout;
        this.secrets = secrets;
    }

    /**
     * The one HTTP client, made at the first request: setting it up (TLS among it) is a good part
     * of what a short command costs, and commands that read the cache never talk to MLflow.
     */
    private synchronized HttpClient httpClient() {
        if (http == null) {
            // HTTP/1.1: plain-http MLflow servers (and proxies in front of them) do not speak h2c.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** The standard connector: the process environment, a minute per request. */
    public static MlflowConnector standard() {
        return standard(new Secrets());
    }

    /** The standard connector, registering the secrets it reads in {@code secrets}. */
    public static MlflowConnector standard(Secrets secrets) {
        return new MlflowConnector(System.getenv(), Duration.ofMinutes(1), secrets);
    }

    public MlflowRestClient client(Source source) throws MlflowException {
        return client(source, () -> false);
    }

    /** A client whose requests are abandoned (with a {@code CancellationException}) once {@code cancelled} is true. */
    public MlflowRestClient client(Source source, BooleanSupplier cancelled) throws MlflowException {
        return new MlflowRestClient(http(source, cancelled));
    }

    /** HTTP to the source's server with its credentials, for calls outside the REST client (artifact files). */
    MlflowHttp http(Source source) throws MlflowException {
        return http(source, () -> false);
    }

    private MlflowHttp http(Source source, BooleanSupplier cancelled) throws MlflowException {
        String uri = source.config(URI_KEY);
        if (uri == null || uri.isBlank()) {
            throw MlflowException.permanent("the source " + source.name() + " names no MLflow address", null);
        }
        MlflowAuth auth = MlflowAuth.of(source);
        String header = auth.header(env, secrets).orElse(null);
        return new MlflowHttp(URI.create(uri.strip()), header, auth.describe(), httpClient(), requestTimeout, cancelled);
    }
}
