package dev.braid.pipelines.orchestrators;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.RunSources;
import dev.braid.pipelines.ci.CiAuth;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.pipelines.ci.CiSources;
import dev.braid.pipelines.ci.PageGuard;
import dev.braid.sync.Sleeper;
import dev.braid.sync.Source;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens the API of an ML orchestrator source: {@code airflow} ({@code url}, {@code username} with
 * {@code password_env}, or {@code token_env}) and {@code kubeflow} ({@code url}, {@code token_env}),
 * with credentials read from the environment or {@code ~/.netrc} at that moment. Which Airflow API
 * the server speaks is asked each time ({@code GET /api/v2/version}, else {@code /api/v1/version}).
 */
public final class OrchestratorSources implements RunSources {
    public static final String AIRFLOW = "airflow";
    public static final String KUBEFLOW = "kubeflow";
    private final Map<String, String> env;
    private final CiHttp.Options options;

    public OrchestratorSources(Map<String, String> env, Clock clock) {
        this(env, CiHttp.Options.standard(clock));
    }

    private OrchestratorSources(Map<String, String> env, CiHttp.Options options) {
        this.env = Map.copyOf(env);
        this.options = options;
    }

    /** For tests: requests time out after {@code timeout}, waits (retries, rate limits) go through {@code sleeper}. */
    public static OrchestratorSources forTests(Map<String, String> env, Clock clock, Duration timeout, Sleeper sleeper) {
        return new OrchestratorSources(env, new CiHttp.Options(timeout, 3, Duration.ofMillis(20), Duration.ofMinutes(10),
                CiHttp.Options.STANDARD_BODY_CAP, sleeper, clock, PageGuard.MAX_PAGES));
    }

    /**
     * These sources with other limits: the most pages one listing reads and the largest answer.
     * Only tests lower them, to see a server that pages without end or answers too much refused
     * quickly; normal use keeps {@link PageGuard#MAX_PAGES}.
     */
    public OrchestratorSources withLimits(int maxPages, long bodyCap) {
        return new OrchestratorSources(env, options.withLimits(maxPages, bodyCap));
    }

    /** The HTTP options every source opened here gets. */
    public CiHttp.Options options() {
        return options;
    }

    @Override
    public RunSource open(Source source, BooleanSupplier cancelled, Consumer<String> progress) throws PipelineException {
        CiHttp.Options opts = options.forSource(source);
        URI server = CiSources.api(source.config("url"), "");
        return switch (source.kind()) {
            case AIRFLOW -> {
                CiHttp probe = new CiHttp("Airflow", server, CiAuth.Credentials.none(), opts, cancelled, progress);
                AirflowApi api = AirflowProbe.api(probe);
                CiAuth.Credentials credentials = AirflowLogin.credentials(api, source, server, env, opts.timeout());
                yield new AirflowSource(new CiHttp(api == AirflowApi.V2 ? "Airflow 3" : "Airflow 2", server, credentials,
                        opts, cancelled, progress), api, server.toString());
            }
            case KUBEFLOW -> new KubeflowSource(new CiHttp("Kubeflow Pipelines", server,
                    CiAuth.resolve(KUBEFLOW, source, server, env), opts, cancelled, progress), server.toString());
            default -> throw PipelineException.permanent("Braid cannot sync pipeline sources of kind " + source.kind(), null);
        };
    }
}
