package dev.braid.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.ci.CiHttp;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of Artifactory's REST API a sync reads, as JFrog's REST API documentation gives them
 * (paths relative to the base URL, which ends in {@code /artifactory}): the repository list, AQL
 * ({@code POST api/search/aql}) for files changed since a time, a repository's deep storage listing
 * (to notice deletions), and build-info ({@code api/build}, {@code api/build/{name}},
 * {@code api/build/{name}/{number}}). HTTP, retries, rate limits and auth errors are {@link CiHttp}'s.
 */
final class ArtifactoryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What AQL returns for each file: checksums and properties beside the place and time. */
    static final String INCLUDE = ".include(\"repo\",\"path\",\"name\",\"size\",\"modified\",\"sha256\",\"actual_sha1\","
            + "\"actual_md5\",\"property\")";
    private final CiHttp http;

    ArtifactoryClient(CiHttp http) {
        this.http = http;
    }

    String where() {
        return http.where();
    }

    /** A repository: its key, type (LOCAL, REMOTE, VIRTUAL, FEDERATED) and package type. */
    record Repository(String key, String type, String packageType) {
    }

    /** One page of an AQL answer and the total Artifactory reports. */
    record AqlPage(List<ArtifactoryFile> files, int returned, long total) {
    }

    /** A build name and when its latest run started, from {@code api/build}. */
    record BuildRef(String name, String lastStarted) {
    }

    /** {@code GET api/repositories}. */
    List<Repository> repositories() throws PipelineException {
        List<Repository> out = new ArrayList<>();
        for (JsonNode r : http.json("api/repositories")) {
            out.add(new Repository(r.path("key").asText(), text(r, "type"), text(r, "packageType")));
        }
        return out;
    }

    /** The AQL query for files of {@code repo} modified at or after {@code since} (all when null), oldest first. */
    static String filesQuery(String repo, String since, int offset, int limit) {
        StringBuilder q = new StringBuilder("items.find({\"$and\":[{\"repo\":{\"$eq\":").append(quote(repo))
                .append("}},{\"type\":{\"$eq\":\"file\"}}");
        if (since != null) {
            q.append(",{\"modified\":{\"$gte\":").append(quote(since)).append("}}");
        }
        q.append("]})").append(INCLUDE).append(".sort({\"$asc\":[\"modified\",\"path\",\"name\"]})")
                .append(".offset(").append(offset).append(").limit(").append(limit).append(")");
        return q.toString();
    }

    /** One page of files of {@code repo} modified at or after {@code since}. */
    AqlPage files(String repo, String since, int offset, int limit) throws PipelineException {
        JsonNode answer = http.postJson("api/search/aql", "text/plain", filesQuery(repo, since, offset, limit));
        JsonNode results = answer.path("results");
        if (!results.isArray()) {
            throw PipelineException.permanent(where() + " answered an AQL search without a results list", null);
        }
        List<ArtifactoryFile> files = new ArrayList<>();
        for (JsonNode r : results) {
            String folder = r.path("path").asText(".");
            String name = r.path("name").asText();
            String path = folder.isEmpty() || folder.equals(".") ? name : folder + "/" + name;
            Map<String, List<String>> props = new LinkedHashMap<>();
            for (JsonNode p : r.path("properties")) {
                props.computeIfAbsent(p.path("key").asText(), k -> new ArrayList<>()).add(p.path("value").asText(""));
            }
            String modified = r.path("modified").asText("");
            files.add(new ArtifactoryFile(r.path("repo").asText(repo), path, r.hasNonNull("size") ? r.path("size").asLong() : null,
                    modified, ArtifactoryTimes.millis(modified), text(r, "sha256"), text(r, "actual_sha1"),
                    text(r, "actual_md5"), props));
        }
        return new AqlPage(files, results.size(), answer.path("range").path("total").asLong(results.size()));
    }

    /** The paths of every file in {@code repo}: {@code GET api/storage/{repo}?list&deep=1&listFolders=0}. */
    Set<String> listing(String repo) throws PipelineException {
        JsonNode answer = http.json("api/storage/" + segment(repo) + "?list&deep=1&listFolders=0");
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode f : answer.path("files")) {
            if (!f.path("folder").asBoolean(false)) {
                paths.add(f.path("uri").asText().replaceFirst("^/", ""));
            }
        }
        return paths;
    }

    /** {@code GET api/build}; Artifactory answers 404 when it holds no builds at all. */
    List<BuildRef> builds() throws PipelineException {
        JsonNode answer;
        try {
            answer = http.json("api/build");
        } catch (PipelineException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
        List<BuildRef> out = new ArrayList<>();
        for (JsonNode b : answer.path("builds")) {
            out.add(new BuildRef(fromUri(b.path("uri").asText()), text(b, "lastStarted")));
        }
        return out;
    }

    /** The numbers of {@code build}'s runs: {@code GET api/build/{name}}. */
    List<String> numbers(String build) throws PipelineException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : http.json("api/build/" + segment(build)).path("buildsNumbers")) {
            out.add(fromUri(n.path("uri").asText()));
        }
        return out;
    }

    /** One run's build-info: {@code GET api/build/{name}/{number}}. */
    ArtifactoryBuild build(String name, String number) throws PipelineException {
        JsonNode info = http.json("api/build/" + segment(name) + "/" + segment(number)).path("buildInfo");
        if (!info.isObject()) {
            throw PipelineException.permanent(where() + " answered build " + name + " #" + number + " without buildInfo", null);
        }
        JsonNode vcs = info.path("vcs").path(0);
        String revision = text(info, "vcsRevision") != null ? text(info, "vcsRevision") : text(vcs, "revision");
        String url = text(info, "vcsUrl") != null ? text(info, "vcsUrl") : text(vcs, "url");
        List<ArtifactoryBuild.Item> items = new ArrayList<>();
        for (JsonNode module : info.path("modules")) {
            String id = module.path("id").asText("");
            for (JsonNode a : module.path("artifacts")) {
                items.add(item(id, ArtifactoryBuild.Item.ARTIFACT, a, text(a, "name")));
            }
            for (JsonNode d : module.path("dependencies")) {
                items.add(item(id, ArtifactoryBuild.Item.DEPENDENCY, d, text(d, "id")));
            }
        }
        String started = text(info, "started");
        String agent = info.path("agent").hasNonNull("name") ? info.path("agent").path("name").asText() : null;
        return new ArtifactoryBuild(info.path("name").asText(name), info.path("number").asText(number), started,
                ArtifactoryTimes.millis(started), revision, url, text(vcs, "branch"), text(info, "url"), agent, items);
    }

    private static ArtifactoryBuild.Item item(String module, String role, JsonNode n, String name) {
        return new ArtifactoryBuild.Item(module, role, name == null ? "" : name, text(n, "type"), text(n, "sha256"),
                text(n, "sha1"), text(n, "md5"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** A build name or number as one URL path segment (names may hold spaces and slashes). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code "/my%20build"} → {@code "my build"}. */
    private static String fromUri(String uri) {
        return URLDecoder.decode(uri.replaceFirst("^/", ""), StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
