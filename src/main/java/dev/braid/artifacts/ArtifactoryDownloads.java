package dev.braid.artifacts;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.ci.CiAuth;
import dev.braid.pipelines.ci.CiHttp;
import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Downloads one file of an Artifactory source ({@code GET {base}/{repo}/{path}}, JFrog's "Retrieve
 * Artifact") with the source's credentials, through the same {@link CiHttp} client a sync uses and
 * at most its body cap, for scanning (ADR 25). Nothing is written here: the caller keeps the bytes.
 */
public final class ArtifactoryDownloads {
    private final Map<String, String> env;
    private final Secrets secrets;
    private final CiHttp.Options options;

    public ArtifactoryDownloads(Map<String, String> env, Secrets secrets, CiHttp.Options options) {
        this.env = env;
        this.secrets = secrets;
        this.options = options;
    }

    /** A downloaded file; {@code complete} is false when it was larger than the cap (the body is then not the file). */
    public record Download(byte[] body, boolean complete) {
    }

    /** The largest file downloaded. */
    public long cap() {
        return options.bodyCap();
    }

    /**
     * Downloads {@code file} of {@code source}.
     *
     * @throws ArtifactoryException when Artifactory refuses or fails (the message names the file and the status, secrets masked)
     */
    public Download fetch(Source source, ArtifactoryFile file) throws ArtifactoryException {
        URI base = URI.create(source.config(ArtifactoryService.URL));
        try {
            CiAuth.Credentials credentials = CiAuth.resolve(ArtifactoryService.KIND, source, base, env);
            credentials.secrets().forEach(secrets::register);
            CiHttp http = new CiHttp("Artifactory", base, credentials, options, () -> false, message -> { });
            CiHttp.Response response = http.download(path(file), options.bodyCap(), "*/*");
            return new Download(response.body(), !response.truncated());
        } catch (PipelineException e) {
            throw new ArtifactoryException("cannot download " + file.repo() + "/" + file.path() + ": "
                    + secrets.mask(e.getMessage()));
        }
    }

    /** {@code repo/a%20b/c.pkl}: each segment encoded. */
    static String path(ArtifactoryFile file) {
        List<String> parts = new ArrayList<>();
        parts.add(ArtifactoryClient.segment(file.repo()));
        for (String part : file.path().split("/")) {
            parts.add(ArtifactoryClient.segment(part));
        }
        return String.join("/", parts);
    }
}
