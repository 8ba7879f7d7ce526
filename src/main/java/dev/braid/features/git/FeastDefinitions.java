package dev.braid.features.git;

import dev.braid.features.feast.ViewField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature views a Feast repository's Python files declare, read without running them:
 * module-level {@code FeatureView(...)}, {@code BatchFeatureView}, {@code StreamFeatureView} and
 * {@code OnDemandFeatureView} calls and functions decorated with {@code @on_demand_feature_view} or
 * {@code @stream_feature_view}, with names resolved across the repository's files (definitions
 * import each other). Views built in loops or by functions cannot be read this way and are left out.
 */
final class FeastDefinitions {
    private static final int MAX_DEPTH = 32;
    private final Map<String, Map<String, PyValue>> modules = new LinkedHashMap<>();
    private final Map<String, PyValue> global = new LinkedHashMap<>();

    /** Reads {@code files} (path → Python source). */
    static List<ParsedView> read(Map<String, String> files) {
        FeastDefinitions d = new FeastDefinitions();
        files.forEach((path, source) -> {
            Map<String, PyValue> bindings = PyModule.read(source);
            d.modules.put(path, bindings);
            d.global.putAll(bindings);
        });
        return d.views();
    }

    private List<ParsedView> views() {
        Map<String, ParsedView> out = new LinkedHashMap<>();
        modules.forEach((file, bindings) -> bindings.forEach((name, value) -> {
            ParsedView view = view(file, bindings, value);
            if (view != null) {
                out.putIfAbsent(view.name(), view);
            }
        }));
        return List.copyOf(out.values());
    }

    private ParsedView view(String file, Map<String, PyValue> scope, PyValue value) {
        if (value instanceof PyValue.Function f) {
            for (PyValue decorator : f.decorators()) {
                PyValue.Call call = decorator instanceof PyValue.Call c ? c : null;
                String kind = call == null ? "" : switch (call.name()) {
                    case "on_demand_feature_view" -> "on-demand";
                    case "stream_feature_view" -> "stream";
                    default -> "";
                };
                if (!kind.isEmpty()) {
                    String name = string(scope, call.kwargs().get("name"));
                    return build(file, scope, call, name == null ? f.name() : name, kind, sha256(f.body()));
                }
            }
            return null;
        }
        if (value instanceof PyValue.Call call) {
            String kind = switch (call.name()) {
                case "FeatureView", "BatchFeatureView" -> "batch";
                case "StreamFeatureView" -> "stream";
                case "OnDemandFeatureView" -> "on-demand";
                default -> "";
            };
            String name = string(scope, call.arg("name", 0));
            if (!kind.isEmpty() && name != null) {
                return build(file, scope, call, name, kind, "");
            }
        }
        return null;
    }

    private ParsedView build(String file, Map<String, PyValue> scope, PyValue.Call call, String name, String kind, String body) {
        List<ViewField> fields = new ArrayList<>();
        for (PyValue f : items(scope, call.kwargs().get("schema"))) {
            PyValue.Call field = resolve(scope, f, 0) instanceof PyValue.Call c && c.name().equals("Field") ? c : null;
            String fieldName = field == null ? null : string(scope, field.arg("name", 0));
            if (fieldName != null) {
                fields.add(new ViewField(fieldName, type(scope, field.arg("dtype", 1)), ""));
            }
        }
        List<String> entities = new ArrayList<>();
        for (PyValue e : items(scope, call.kwargs().get("entities"))) {
            PyValue entity = resolve(scope, e, 0);
            String entityName = entity instanceof PyValue.Call c && c.name().equals("Entity") ? string(scope, c.arg("name", 0))
                    : string(scope, entity);
            if (entityName != null) {
                entities.add(entityName);
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (resolve(scope, call.kwargs().get("tags"), 0) instanceof PyValue.Dict dict) {
            dict.entries().forEach(e -> {
                String k = string(scope, e.getKey());
                String v = string(scope, e.getValue());
                if (k != null && v != null) {
                    tags.put(k, v);
                }
            });
        }
        PyValue source = call.kwargs().containsKey("source") ? call.kwargs().get("source") : call.kwargs().get("sources");
        List<String> sourceViews = kind.equals("on-demand") ? sourceViews(scope, source) : List.of();
        return new ParsedView(name, kind, fields, entities, sourceViews, ttl(scope, call.kwargs().get("ttl")), describe(scope, source),
                tags, string(scope, call.kwargs().get("owner")) == null ? "" : string(scope, call.kwargs().get("owner")),
                body, file);
    }

    /**
     * The views an on-demand view reads, each with the columns it takes ({@code customer_stats(avg_amount,
     * tx_count)}: every field of the view, or those a {@code view[["a", "b"]]} projection picks); request
     * sources as {@code request:NAME}.
     */
    private List<String> sourceViews(Map<String, PyValue> scope, PyValue sources) {
        List<String> out = new ArrayList<>();
        PyValue resolved = resolve(scope, sources, 0);
        List<PyValue> items = resolved instanceof PyValue.Dict d ? d.entries().stream().map(Map.Entry::getValue).toList()
                : resolved instanceof PyValue.Items i ? i.items() : List.of();
        for (PyValue item : items) {
            List<String> picked = null;
            PyValue target = item;
            if (item instanceof PyValue.Subscript s) {
                target = s.target();
                picked = new ArrayList<>();
                for (PyValue p : resolve(scope, s.index(), 0) instanceof PyValue.Items list ? list.items() : List.<PyValue>of()) {
                    String column = string(scope, p);
                    if (column != null) {
                        picked.add(column);
                    }
                }
            }
            PyValue.Call call = resolve(scope, target, 0) instanceof PyValue.Call c ? c : null;
            if (call == null) {
                continue;
            }
            String viewName = string(scope, call.arg("name", 0));
            if (call.name().equals("RequestSource")) {
                out.add("request:" + viewName);
                continue;
            }
            if (picked == null) {
                picked = new ArrayList<>();
                for (PyValue f : items(scope, call.kwargs().get("schema"))) {
                    if (resolve(scope, f, 0) instanceof PyValue.Call field && string(scope, field.arg("name", 0)) != null) {
                        picked.add(string(scope, field.arg("name", 0)));
                    }
                }
            }
            out.add(picked.isEmpty() ? viewName : viewName + "(" + String.join(", ", picked) + ")");
        }
        return out;
    }

    private PyValue resolve(Map<String, PyValue> scope, PyValue value, int depth) {
        if (value instanceof PyValue.Name n && depth < MAX_DEPTH) {
            PyValue bound = scope.containsKey(n.dotted()) ? scope.get(n.dotted()) : global.get(n.dotted());
            if (bound == null && n.dotted().contains(".")) {
                bound = global.get(n.last());
            }
            return bound == null ? value : resolve(scope, bound, depth + 1);
        }
        return value;
    }

    private List<PyValue> items(Map<String, PyValue> scope, PyValue value) {
        return resolve(scope, value, 0) instanceof PyValue.Items items ? items.items() : List.of();
    }

    private String string(Map<String, PyValue> scope, PyValue value) {
        return resolve(scope, value, 0) instanceof PyValue.Str s ? s.value() : null;
    }

    /** A Feast type as written ({@code Float32}, {@code Array(Int64)}), the way Braid names registry types. */
    private String type(Map<String, PyValue> scope, PyValue value) {
        PyValue v = value;
        if (v instanceof PyValue.Name n && (global.get(n.dotted()) != null || scope.get(n.dotted()) != null)) {
            v = resolve(scope, v, 0);
        }
        if (v instanceof PyValue.Name n) {
            return n.last();
        }
        if (v instanceof PyValue.Call c && c.args().size() == 1) {
            return c.name() + "(" + type(scope, c.args().get(0)) + ")";
        }
        if (v instanceof PyValue.Subscript s && s.target() instanceof PyValue.Name n) {
            return n.last() + "(" + type(scope, s.index()) + ")";
        }
        return "Invalid";
    }

    /** {@code timedelta(days=1, hours=2)} in seconds; null when absent or not readable. */
    private Long ttl(Map<String, PyValue> scope, PyValue value) {
        if (!(resolve(scope, value, 0) instanceof PyValue.Call c) || !c.name().equals("timedelta")) {
            return null;
        }
        Map<String, Long> unit = Map.of("weeks", 604_800L, "days", 86_400L, "hours", 3_600L, "minutes", 60L, "seconds", 1L);
        String[] positional = {"days", "seconds"};
        double seconds = 0;
        for (Map.Entry<String, Long> u : unit.entrySet()) {
            PyValue amount = c.kwargs().get(u.getKey());
            for (int p = 0; amount == null && p < positional.length; p++) {
                if (positional[p].equals(u.getKey()) && p < c.args().size()) {
                    amount = c.args().get(p);
                }
            }
            if (resolve(scope, amount, 0) instanceof PyValue.Num n) {
                try {
                    seconds += Double.parseDouble(n.text()) * u.getValue();
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return (long) seconds;
    }

    /** The data source (or source views) a view reads, in words: a source's name and path. */
    private String describe(Map<String, PyValue> scope, PyValue value) {
        PyValue v = resolve(scope, value, 0);
        if (v instanceof PyValue.Call c) {
            String name = string(scope, c.kwargs().get("name"));
            String path = string(scope, c.arg("path", -1));
            if (path == null) {
                path = string(scope, c.arg("table", -1));
            }
            return (name == null ? c.name() : name) + (path == null ? "" : " " + path);
        }
        if (v instanceof PyValue.Items items) {
            List<String> names = new ArrayList<>();
            for (PyValue item : items.items()) {
                names.add(describe(scope, item));
            }
            return String.join(",", names);
        }
        if (v instanceof PyValue.Name n) {
            return n.dotted();
        }
        return "";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
