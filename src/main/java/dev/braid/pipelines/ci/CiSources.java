package dev.braid.pipelines.ci;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.RunSource;
import dev.braid.pipelines.RunSources;
import dev.braid.sync.Sleeper;
import dev.braid.sync.Source;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens the API of a CI source from its configuration (see {@code PipelineService} for the keys),
 * with credentials read from the environment or {@code ~/.netrc} at that moment.
 */
public final class CiSources implements RunSources {
    public static final String GITLAB = "gitlab";
    public static final String GITHUB = "github";
    public static final String JENKINS = "jenkins";
    public static final String CIRCLECI = "circleci";
    private final Map<String, String> env;
    private final CiHttp.Options options;

    public CiSources(Map<String, String> env, Clock clock) {
        this(env, CiHttp.Options.standard(clock));
    }

    CiSources(Map<String, String> env, CiHttp.Options options) {
        this.env = Map.copyOf(env);
        this.options = options;
    }

    /** For tests: requests time out after {@code timeout}, waits (retries, rate limits) go through {@code sleeper}. */
    public static CiSources forTests(Map<String, String> env, Clock clock, Duration timeout, Sleeper sleeper,
                                     Duration maxRateWait) {
        return new CiSources(env, new CiHttp.Options(timeout, 3, Duration.ofMillis(20), maxRateWait, CiHttp.Options.STANDARD_BODY_CAP,
                sleeper, clock, PageGuard.MAX_PAGES));
    }

    /**
     * These sources with other limits: the most pages one listing reads and the largest answer.
     * Only tests lower them, to see a server that pages without end or answers too much refused
     * quickly; normal use keeps {@link PageGuard#MAX_PAGES}.
     */
    public CiSources withLimits(int maxPages, long bodyCap) {
        return new CiSources(env, options.withLimits(maxPages, bodyCap));
    }

    /** The HTTP options every source opened here gets. */
    public CiHttp.Options options() {
        return options;
    }

    @Override
    public RunSource open(Source source, BooleanSupplier cancelled, Consumer<String> progress) throws PipelineException {
        CiHttp.Options opts = options.forSource(source);
        return switch (source.kind()) {
            case GITLAB -> {
                URI base = api(source.config("url"), "api/v4/");
                yield new GitLabSource(http("GitLab", base, source, opts, cancelled, progress), source.config("project"));
            }
            case GITHUB -> {
                URI base = api(source.config("api_url") == null ? "https://api.github.com" : source.config("api_url"), "");
                CiHttp http = new CiHttp("GitHub", base, CiAuth.resolve(GITHUB, source, base, env).plus(Map.of(
                        "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28")),
                        opts, cancelled, progress);
                yield new GitHubSource(http, source.config("repo"), opts.clock());
            }
            case JENKINS -> {
                URI base = api(source.config("url"), "");
                yield new JenkinsSource(http("Jenkins", base, source, opts, cancelled, progress), source.config("job"),
                        opts.clock());
            }
            case CIRCLECI -> {
                String url = source.config("api_url") == null ? "https://circleci.com" : source.config("api_url");
                URI v2 = api(url, "api/v2/");
                URI v1 = api(url, "api/v1.1/");
                CiAuth.Credentials credentials = CiAuth.resolve(CIRCLECI, source, v2, env);
                yield new CircleCiSource(new CiHttp("CircleCI", v2, credentials, opts, cancelled, progress),
                        new CiHttp("CircleCI", v1, credentials, opts, cancelled, progress), source.config("slug"), opts.clock());
            }
            default -> throw PipelineException.permanent("Braid cannot sync pipeline sources of kind " + source.kind(), null);
        };
    }

    private CiHttp http(String service, URI base, Source source, CiHttp.Options opts, BooleanSupplier cancelled,
                        Consumer<String> progress) throws PipelineException {
        return new CiHttp(service, base, CiAuth.resolve(source.kind(), source, base, env), opts, cancelled, progress);
    }

    /** {@code url} (http or https) joined with {@code suffix}, with exactly one slash between. */
    public static URI api(String url, String suffix) throws PipelineException {
        if (url == null || url.isBlank()) {
            throw PipelineException.permanent("the source has no server address", null);
        }
        String text = url.strip();
        text = text.endsWith("/") ? text : text + "/";
        try {
            URI uri = URI.create(text + suffix);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw PipelineException.permanent("not an http(s) address: " + url, e);
        }
    }
}
