package dev.braid.features.feast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Reads a Feast registry server's REST API ({@code feast serve_registry --rest-api}, under
 * {@code /api/v1}): projects, then per project its entities, data sources, feature views of every
 * kind, feature services and saved datasets, page by page ({@code page}, {@code limit=100}) until
 * the server's {@code pagination} says there are no more. The server does not serve the version
 * history of feature views, only each view's current definition.
 *
 * <p>Every failure is a {@link FeastException} that says what went wrong and where; answers are
 * capped in size while they stream in, and paging stops at a page limit, so a broken or hostile
 * server cannot exhaust memory or loop forever.
 */
public final class RegistryServer {
    public static final String API = "/api/v1";
    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 10_000;
    static final long MAX_BODY_BYTES = 64L << 20;
    private final URI base;
    private final String token;
    private final HttpClient client;
    private final Duration timeout;
    private final BooleanSupplier cancelled;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param address the server's address, with or without {@code /api/v1}
     * @param token   a bearer token, or null
     */
    public RegistryServer(URI address, String token, HttpClient client, Duration timeout, BooleanSupplier cancelled) {
        this.base = baseOf(address);
        this.token = token;
        this.client = client;
        this.timeout = timeout;
        this.cancelled = cancelled;
    }

    /** {@code http://host:port} with any {@code /api/v1} and trailing slashes removed. */
    public static URI baseOf(URI address) {
        String text = address.toString().strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith(API)) {
            text = text.substring(0, text.length() - API.length());
        }
        return URI.create(text);
    }

    public URI base() {
        return base;
    }

    /** Everything the server lists, for every project or only {@code project} (when not blank). */
    public RegistrySnapshot read(String project) throws FeastException {
        String release = release();
        List<ProjectInfo> projects = new ArrayList<>();
        for (JsonNode p : list("projects", Map.of(), "projects")) {
            ProjectInfo info = FeastJson.project(p);
            if (project == null || project.isBlank() || info.name().equals(project)) {
                projects.add(info);
            }
        }
        if (project != null && !project.isBlank() && projects.isEmpty()) {
            throw FeastException.permanent("the Feast registry server at " + base + " has no project named " + project);
        }
        List<EntityInfo> entities = new ArrayList<>();
        List<DataSourceInfo> sources = new ArrayList<>();
        List<ViewDefinition> views = new ArrayList<>();
        List<ServiceInfo> services = new ArrayList<>();
        List<SavedDatasetInfo> saved = new ArrayList<>();
        for (ProjectInfo p : projects) {
            Map<String, String> inProject = Map.of("project", p.name());
            for (JsonNode e : list("entities", inProject, "entities")) {
                EntityInfo entity = FeastJson.entity(p.name(), e);
                if (entity != null) {
                    entities.add(entity);
                }
            }
            for (JsonNode d : list("data_sources", inProject, "dataSources")) {
                sources.add(FeastJson.dataSource(p.name(), d));
            }
            for (JsonNode v : list("feature_views", inProject, "featureViews")) {
                ViewKind kind = ViewKind.fromJsonType(FeastJson.text(v, "type"));
                if (kind != null) {
                    views.add(FeastJson.view(p.name(), kind, v));
                }
            }
            for (JsonNode s : list("feature_services", inProject, "featureServices")) {
                services.add(FeastJson.service(p.name(), s));
            }
            for (JsonNode s : list("saved_datasets", inProject, "savedDatasets")) {
                saved.add(FeastJson.savedDataset(p.name(), s));
            }
        }
        return new RegistrySnapshot(projects, entities, sources, views, services, saved, List.of(),
                FeastProtos.recordsVersions(release), release, null);
    }

    /** The Feast release the server runs ({@code /api/v1/version}); empty when it does not say. */
    String release() throws FeastException {
        JsonNode answer = get("version", Map.of(), true);
        return answer == null ? "" : FeastJson.text(answer, "version");
    }

    /** Every item of a paged listing, following the server's pagination. */
    List<JsonNode> list(String endpoint, Map<String, String> query, String field) throws FeastException {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            if (page > MAX_PAGES) {
                throw FeastException.permanent("the Feast registry server at " + base + " kept paging " + endpoint
                        + " past " + MAX_PAGES + " pages; stopped");
            }
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("page", String.valueOf(page));
            q.put("limit", String.valueOf(PAGE_SIZE));
            JsonNode answer = get(endpoint, q, false);
            JsonNode array = answer.get(field);
            if (array == null || array.isNull()) {
                array = json.createArrayNode(); // protobuf's JSON leaves out empty lists
            }
            if (!array.isArray()) {
                throw badAnswer(endpoint, "its \"" + field + "\" is not a list");
            }
            array.forEach(items::add);
            JsonNode pagination = answer.path("pagination");
            int totalPages = pagination.path("totalPages").asInt(0);
            boolean more = pagination.path("hasNext").asBoolean(page < totalPages);
            if (!more || array.isEmpty()) {
                return items;
            }
        }
    }

    private JsonNode get(String endpoint, Map<String, String> query, boolean optional) throws FeastException {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
        URI uri = URI.create(base + API + "/" + endpoint + queryString(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw FeastException.transientFailure("cannot reach the Feast registry server at " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        int status = response.statusCode();
        byte[] body = readCapped(response.body(), endpoint);
        if (status == 404 && optional) {
            return null;
        }
        if (status != 200) {
            throw failure(endpoint, status, body, response);
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw badAnswer(endpoint, "it is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw badAnswer(endpoint, "it is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw badAnswer(endpoint, "it cannot be read (" + e.getMessage() + ")");
        }
    }

    private FeastException failure(String endpoint, int status, byte[] body, HttpResponse<?> response) {
        String detail = detail(body);
        String where = "the Feast registry server at " + base + " answered " + API + "/" + endpoint + " with HTTP " + status;
        if (status == 401 || status == 403) {
            return FeastException.permanent(where + ": not allowed" + (token == null
                    ? " (the server wants a token: add the source with --token-env VAR)" : " with the token given") + detail);
        }
        if (status == 404) {
            return FeastException.permanent(where + ": is " + base + " a Feast registry server started with --rest-api?" + detail);
        }
        if (status == 429 || status == 503) {
            long wait = response.headers().firstValue("Retry-After").map(RegistryServer::seconds).orElse(-1L);
            if (wait >= 0) {
                return FeastException.retryAfter(where + detail, wait * 1000);
            }
        }
        if (status >= 500 || status == 429) {
            return FeastException.transientFailure(where + detail, null);
        }
        return FeastException.permanent(where + detail);
    }

    private static long seconds(String text) {
        try {
            return Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String detail(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            String message = node != null && node.has("detail") ? node.get("detail").toString() : "";
            return message.isEmpty() ? "" : ": " + shorten(message);
        } catch (IOException e) {
            return "";
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private FeastException badAnswer(String endpoint, String why) {
        return FeastException.permanent("the Feast registry server at " + base + " answered " + API + "/" + endpoint
                + " with something Braid cannot read: " + why);
    }

    private byte[] readCapped(InputStream in, String endpoint) throws FeastException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > MAX_BODY_BYTES) {
                    throw FeastException.permanent("the Feast registry server at " + base + " sent more than "
                            + (MAX_BODY_BYTES >> 20) + " MiB for one page of " + endpoint + "; refused");
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw FeastException.transientFailure("the Feast registry server at " + base + " broke off its answer to "
                    + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        query.forEach((k, v) -> out.append(out.length() > 1 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
