package dev.braid.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.pipelines.replay.ReplayServer;
import dev.braid.pipelines.replay.ReplayServer.Reply;
import dev.braid.pipelines.replay.ReplayServer.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers like JFrog Artifactory's REST API, as JFrog's REST API documentation describes it (JFrog
 * publishes no OpenAPI description of it): {@code GET api/repositories}, AQL
 * ({@code POST api/search/aql}, text/plain, with {@code .include()}, {@code .sort()},
 * {@code .offset()} and {@code .limit()}, answering {@code results} and {@code range}), the deep
 * storage listing ({@code GET api/storage/{repo}?list&deep=1&listFolders=0}), and build-info
 * ({@code GET api/build} — 404 when no build exists —, {@code api/build/{name}},
 * {@code api/build/{name}/{number}}). Errors are JFrog's {@code {"errors":[{"status","message"}]}}.
 * Auth: an access token as {@code Authorization: Bearer}, or a user with a password or API key as
 * HTTP basic; anything else is 401, and a {@link #readOnlyToken} reading builds is 403.
 * Everything is served under {@code /artifactory/}.
 */
public final class ArtifactoryReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPO = Pattern.compile("\\{\"repo\":\\{\"\\$eq\":(\"(?:[^\"\\\\]|\\\\.)*\")}}");
    private static final Pattern SINCE = Pattern.compile("\\{\"modified\":\\{\"\\$gte\":\"([^\"]+)\"}}");
    private static final Pattern OFFSET = Pattern.compile("\\.offset\\((\\d+)\\)");
    private static final Pattern LIMIT = Pattern.compile("\\.limit\\((\\d+)\\)");

    /** A stored file. */
    static final class Item {
        final String repo;
        final String path;
        final long size;
        Instant modified;
        String sha256;
        String sha1;
        String md5;
        final Map<String, List<String>> properties = new LinkedHashMap<>();

        Item(String repo, String path, long size, Instant modified, String sha256, String sha1, String md5) {
            this.repo = repo;
            this.path = path;
            this.size = size;
            this.modified = modified;
            this.sha256 = sha256;
            this.sha1 = sha1;
            this.md5 = md5;
        }

        Item property(String key, String... values) {
            properties.put(key, List.of(values));
            return this;
        }
    }

    /** A stored build-info, as JFrog's clients publish it. */
    record Build(String name, String number, String started, ObjectNode info) {
    }

    final List<Item> items = new CopyOnWriteArrayList<>();
    /** File contents by {@code repo/path}, served by {@code GET {base}/{repo}/{path}}. */
    final Map<String, byte[]> contents = new java.util.concurrent.ConcurrentHashMap<>();
    /** Statuses {@code GET {base}/{repo}/{path}} answers instead of the content, by {@code repo/path}. */
    public final Map<String, Integer> failing = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Build> builds = new CopyOnWriteArrayList<>();
    final Map<String, String[]> repositories = new LinkedHashMap<>();
    private final String token;
    private final String user;
    private final String password;
    private String readOnlyToken = "read-only-token-0001";
    private String base = "";

    public ArtifactoryReplay(String token, String user, String password) {
        this.token = token;
        this.user = user;
        this.password = password;
    }

    public void base(String url) {
        this.base = url + "/artifactory";
    }

    String readOnlyToken() {
        return readOnlyToken;
    }

    public void repository(String key, String type, String packageType) {
        repositories.put(key, new String[] {type, packageType});
    }

    Item file(String repo, String path, long size, Instant modified, String sha256, String sha1, String md5) {
        Item item = new Item(repo, path, size, modified, sha256, sha1, md5);
        items.add(item);
        return item;
    }

    /** A file with this content, its checksums computed from it, downloadable. */
    public void stored(String repo, String path, Instant modified, byte[] body) {
        file(repo, path, body.length, modified, hex("SHA-256", body), hex("SHA-1", body), hex("MD5", body));
        contents.put(repo + "/" + path, body.clone());
    }

    public static String hex(String algorithm, byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A build-info with one module; {@code artifacts} and {@code dependencies} are {name, sha256, sha1, md5} rows. */
    Build build(String name, String number, String started, String revision, String vcsUrl, List<String[]> artifacts,
                List<String[]> dependencies) {
        ObjectNode info = JSON.createObjectNode();
        info.put("version", "1.0.1");
        info.put("name", name);
        info.put("number", number);
        info.put("type", "GENERIC");
        info.putObject("agent").put("name", "GitHub Actions").put("version", "2.311.0");
        info.putObject("buildAgent").put("name", "GENERIC").put("version", "2.52.8");
        info.put("started", started);
        info.put("durationMillis", 61234);
        info.put("url", "https://github.com/acme/fraud/actions/runs/" + number);
        ArrayNode vcs = info.putArray("vcs");
        vcs.addObject().put("revision", revision).put("url", vcsUrl).put("branch", "main").put("message", "train " + number);
        ObjectNode module = info.putArray("modules").addObject();
        module.put("type", "generic");
        module.put("id", name + "-module");
        ArrayNode arts = module.putArray("artifacts");
        for (String[] a : artifacts) {
            arts.addObject().put("type", a[0].substring(a[0].lastIndexOf('.') + 1)).put("name", a[0]).put("sha256", a[1])
                    .put("sha1", a[2]).put("md5", a[3]).put("path", "models/" + a[0]);
        }
        ArrayNode deps = module.putArray("dependencies");
        for (String[] d : dependencies) {
            deps.addObject().put("type", "csv").put("id", d[0]).put("sha256", d[1]).put("sha1", d[2]).put("md5", d[3]);
        }
        Build build = new Build(name, number, started, info);
        builds.add(build);
        return build;
    }

    @Override
    public Reply answer(Request request) {
        String path = request.path();
        if (!path.startsWith("/artifactory/")) {
            return error(404, "Not Found");
        }
        String api = path.substring("/artifactory/".length());
        String auth = request.header("Authorization");
        boolean readOnly = ("Bearer " + readOnlyToken).equals(auth);
        if (!readOnly && !("Bearer " + token).equals(auth) && !basic().equals(auth)) {
            return error(401, auth == null ? "Missing authentication" : "Bad credentials");
        }
        if (api.equals("api/repositories") && request.method().equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            repositories.forEach((key, v) -> out.addObject().put("key", key).put("type", v[0])
                    .put("url", base + "/" + key).put("packageType", v[1]));
            return json(200, out);
        }
        if (api.equals("api/search/aql")) {
            if (!request.method().equals("POST")) {
                return error(405, "Method Not Allowed");
            }
            if (request.header("Content-Type") == null || !request.header("Content-Type").startsWith("text/plain")) {
                return error(415, "Unsupported Media Type");
            }
            return aql(request.body());
        }
        if (api.startsWith("api/storage/") && request.query().containsKey("list")) {
            return listing(decode(api.substring("api/storage/".length())));
        }
        if (api.startsWith("api/build")) {
            if (readOnly) {
                return error(403, "Forbidden");
            }
            return build(api.substring("api/build".length()));
        }
        String stored = decode(api);
        if (request.method().equals("GET") && repositories.containsKey(stored.split("/", 2)[0])) {
            Integer status = failing.get(stored);
            if (status != null) {
                return error(status, "Internal Server Error");
            }
            byte[] body = contents.get(stored);
            return body == null ? error(404, "Not Found") : new Reply(200, new LinkedHashMap<>(Map.of("Content-Type",
                    "application/octet-stream")), body);
        }
        return error(404, "Not Found");
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Reply aql(String query) {
        if (!query.startsWith("items.find(")) {
            return error(400, "Failed to parse query: " + query);
        }
        Matcher repo = REPO.matcher(query);
        if (!repo.find()) {
            return error(400, "this replay answers only queries by repository");
        }
        String key;
        try {
            key = JSON.readValue(repo.group(1), String.class);
        } catch (Exception e) {
            return error(400, "bad repository");
        }
        Matcher since = SINCE.matcher(query);
        Instant from = since.find() ? OffsetDateTime.parse(since.group(1)).toInstant() : Instant.MIN;
        Matcher offset = OFFSET.matcher(query);
        Matcher limit = LIMIT.matcher(query);
        int skip = offset.find() ? Integer.parseInt(offset.group(1)) : 0;
        int most = limit.find() ? Integer.parseInt(limit.group(1)) : Integer.MAX_VALUE;
        boolean withProperties = query.contains("\"property\"");
        List<Item> found = new ArrayList<>(items.stream().filter(i -> i.repo.equals(key) && !i.modified.isBefore(from)).toList());
        found.sort(Comparator.comparing((Item i) -> i.modified).thenComparing(i -> folder(i.path)).thenComparing(i -> name(i.path)));
        List<Item> page = found.subList(Math.min(skip, found.size()), (int) Math.min(found.size(), (long) skip + most));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (Item i : page) {
            ObjectNode r = results.addObject();
            r.put("repo", i.repo).put("path", folder(i.path)).put("name", name(i.path)).put("size", i.size)
                    .put("modified", time(i.modified))
                    .put("sha256", i.sha256).put("actual_sha1", i.sha1).put("actual_md5", i.md5);
            if (withProperties && !i.properties.isEmpty()) {
                ArrayNode props = r.putArray("properties");
                i.properties.forEach((k, vs) -> vs.forEach(v -> props.addObject().put("key", k).put("value", v)));
            }
        }
        ObjectNode range = out.putObject("range");
        range.put("start_pos", skip).put("end_pos", skip + page.size()).put("total", page.size());
        if (most != Integer.MAX_VALUE) {
            range.put("limit", most);
        }
        return json(200, out);
    }

    private Reply listing(String repo) {
        if (!repositories.containsKey(repo)) {
            return error(404, "Unable to find item");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("uri", base + "/api/storage/" + repo);
        out.put("created", "2026-01-01T00:00:00.000Z");
        ArrayNode files = out.putArray("files");
        for (Item i : items) {
            if (i.repo.equals(repo)) {
                files.addObject().put("uri", "/" + i.path).put("size", i.size).put("lastModified", time(i.modified))
                        .put("folder", false).put("sha1", i.sha1).put("sha2", i.sha256);
            }
        }
        return json(200, out);
    }

    private Reply build(String rest) {
        if (rest.isEmpty() || rest.equals("/")) {
            if (builds.isEmpty()) {
                return error(404, "No builds were found");
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("uri", base + "/api/build");
            ArrayNode list = out.putArray("builds");
            Map<String, String> last = new LinkedHashMap<>();
            for (Build b : builds) {
                last.merge(b.name(), b.started(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
            }
            last.forEach((name, started) -> list.addObject().put("uri", "/" + encode(name)).put("lastStarted", started));
            return json(200, out);
        }
        String[] parts = rest.substring(1).split("/");
        String name = decode(parts[0]);
        List<Build> runs = builds.stream().filter(b -> b.name().equals(name)).toList();
        if (runs.isEmpty()) {
            return error(404, "No build was found for build name: " + name);
        }
        if (parts.length == 1) {
            ObjectNode out = JSON.createObjectNode();
            out.put("uri", base + "/api/build/" + parts[0]);
            ArrayNode numbers = out.putArray("buildsNumbers");
            runs.forEach(b -> numbers.addObject().put("uri", "/" + encode(b.number())).put("started", b.started()));
            return json(200, out);
        }
        String number = decode(parts[1]);
        Build found = runs.stream().filter(b -> b.number().equals(number)).findFirst().orElse(null);
        if (found == null) {
            return error(404, "No build was found for build name: " + name + ", build number: " + number);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("uri", base + "/api/build/" + parts[0] + "/" + parts[1]);
        out.set("buildInfo", found.info());
        return json(200, out);
    }

    /** As Artifactory writes times: ISO 8601 with milliseconds and an offset. */
    static String time(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .format(at.atOffset(java.time.ZoneOffset.UTC));
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Reply error(int status, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putArray("errors").addObject().put("status", status).put("message", message);
        return json(status, out);
    }

    private static Reply json(int status, Object body) {
        try {
            return Reply.json(status, JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
