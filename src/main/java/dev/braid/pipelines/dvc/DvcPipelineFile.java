package dev.braid.pipelines.dvc;

import dev.braid.pipelines.definitions.DefinitionYaml;
import dev.braid.pipelines.definitions.TreeFiles;
import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one {@code dvc.yaml} the way DVC does before running it: {@code vars} and
 * {@code params.yaml} as the templating context, {@code foreach} over a list ({@code name@value}
 * or, for mappings, {@code name@index}) or a mapping ({@code name@key}), {@code matrix} as the
 * product of its lists ({@code name@v1-v2}, non-scalar values as {@code key<index>}), and
 * {@code wdir}. A stage that cannot be read is left out with a note.
 */
public final class DvcPipelineFile {
    public static final String NAME = "dvc.yaml";
    static final String DEFAULT_PARAMS = "params.yaml";

    /**
     * The stages of a file and what could not be read; {@code inputs} are the other files its
     * templating read (params and vars files), whether or not they exist.
     */
    public record Contents(String file, List<DvcPipelineStage> stages, List<String> metrics, List<String> params,
                          List<String> notes, List<String> inputs) {
        public Contents {
            stages = List.copyOf(stages);
            metrics = List.copyOf(metrics);
            params = List.copyOf(params);
            notes = List.copyOf(notes);
            inputs = List.copyOf(inputs);
        }
    }

    private final TreeFiles files;
    private final String path;
    private final String folder;
    private final List<String> notes = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();

    private DvcPipelineFile(TreeFiles files, String path) {
        this.files = files;
        this.path = path;
        this.folder = DvcPath.folderOf(path);
    }

    public static Contents read(TreeFiles files, String path, String text) throws IOException {
        return new DvcPipelineFile(files, path).contents(text);
    }

    private Contents contents(String text) throws IOException {
        Map<?, ?> yaml;
        try {
            Object loaded = DefinitionYaml.load(path, text);
            if (loaded != null && !(loaded instanceof Map<?, ?>)) {
                notes.add(path + ": expected a mapping with 'stages' at the top.");
            }
            yaml = DefinitionYaml.map(loaded);
        } catch (SafeYaml.UnreadableYamlException e) {
            notes.add(e.getMessage());
            return new Contents(path, List.of(), List.of(), List.of(), notes, inputs);
        }
        Map<String, Object> context = context(yaml.get("vars"));
        List<DvcPipelineStage> stages = new ArrayList<>();
        for (Map.Entry<?, ?> entry : DefinitionYaml.map(yaml.get("stages")).entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> body)) {
                notes.add(path + ": stage '" + name + "' is not a mapping; it was left out.");
                continue;
            }
            try {
                expand(name, body, context, stages);
            } catch (DvcInterpolation.MissingValueException e) {
                notes.add(path + ": stage '" + name + "': " + e.getMessage() + "; it was left out.");
            }
        }
        List<String> metrics = new ArrayList<>();
        for (Object metric : DefinitionYaml.list(yaml.get("metrics"))) {
            metrics.add(DvcPath.join(folder, String.valueOf(metric)));
        }
        List<String> params = new ArrayList<>();
        for (Object param : DefinitionYaml.list(yaml.get("params"))) {
            params.add(DvcPath.join(folder, String.valueOf(param)));
        }
        return new Contents(path, stages, metrics, params, notes, inputs);
    }

    /** {@code params.yaml} beside the file, then each {@code vars} entry (a file, {@code file:keys} or a mapping). */
    private Map<String, Object> context(Object vars) throws IOException {
        Map<String, Object> context = new LinkedHashMap<>();
        readInto(context, DvcPath.join(folder, DEFAULT_PARAMS), null, false);
        for (Object entry : DefinitionYaml.list(vars)) {
            if (entry instanceof Map<?, ?> inline) {
                inline.forEach((k, v) -> context.put(String.valueOf(k), v));
            } else if (entry != null) {
                String spec = String.valueOf(entry);
                int colon = spec.indexOf(':');
                String file = colon < 0 ? spec : spec.substring(0, colon);
                List<String> keys = colon < 0 ? null : List.of(spec.substring(colon + 1).split(","));
                readInto(context, DvcPath.join(folder, file), keys, true);
            }
        }
        return context;
    }

    private void readInto(Map<String, Object> context, String file, List<String> keys, boolean required) throws IOException {
        inputs.add(file);
        Optional<String> text = files.read(file);
        if (text.isEmpty()) {
            if (required) {
                notes.add(path + ": vars file " + file + " is not in this commit.");
            }
            return;
        }
        Optional<Map<?, ?>> values = DvcValues.readParamsFile(file, text.get(), notes);
        values.ifPresent(map -> map.forEach((k, v) -> {
            if (keys == null || keys.contains(String.valueOf(k))) {
                context.put(String.valueOf(k), v);
            }
        }));
    }

    private void expand(String name, Map<?, ?> body, Map<String, Object> context, List<DvcPipelineStage> out)
            throws DvcInterpolation.MissingValueException {
        if (body.containsKey("foreach")) {
            Object items = DvcInterpolation.resolve(body.get("foreach"), context);
            Map<?, ?> template = DefinitionYaml.map(body.get("do"));
            if (items instanceof List<?> list) {
                boolean scalars = list.stream().noneMatch(i -> i instanceof Map<?, ?> || i instanceof List<?>);
                for (int i = 0; i < list.size(); i++) {
                    Map<String, Object> local = new LinkedHashMap<>(context);
                    local.put("item", list.get(i));
                    String suffix = scalars ? DvcInterpolation.written(list.get(i)) : String.valueOf(i);
                    out.add(stage(name + "@" + suffix, name, template, local));
                }
            } else if (items instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> item : map.entrySet()) {
                    Map<String, Object> local = new LinkedHashMap<>(context);
                    local.put("item", item.getValue());
                    local.put("key", item.getKey());
                    out.add(stage(name + "@" + item.getKey(), name, template, local));
                }
            } else {
                notes.add(path + ": the foreach of '" + name + "' is neither a list nor a mapping; it was left out.");
            }
        } else if (body.containsKey("matrix")) {
            Map<?, ?> matrix = DefinitionYaml.map(DvcInterpolation.resolve(body.get("matrix"), context));
            List<Map<String, Object>> cells = new ArrayList<>();
            List<String> suffixes = new ArrayList<>();
            cells.add(new LinkedHashMap<>());
            suffixes.add("");
            for (Map.Entry<?, ?> axis : matrix.entrySet()) {
                List<?> values = DefinitionYaml.list(axis.getValue());
                List<Map<String, Object>> nextCells = new ArrayList<>();
                List<String> nextSuffixes = new ArrayList<>();
                for (int c = 0; c < cells.size(); c++) {
                    for (int i = 0; i < values.size(); i++) {
                        Object value = values.get(i);
                        Map<String, Object> cell = new LinkedHashMap<>(cells.get(c));
                        cell.put(String.valueOf(axis.getKey()), value);
                        nextCells.add(cell);
                        String part = value instanceof Map<?, ?> || value instanceof List<?>
                                ? axis.getKey() + String.valueOf(i) : DvcInterpolation.written(value);
                        nextSuffixes.add(suffixes.get(c).isEmpty() ? part : suffixes.get(c) + "-" + part);
                    }
                }
                cells = nextCells;
                suffixes = nextSuffixes;
            }
            Map<Object, Object> template = new LinkedHashMap<>(body);
            template.remove("matrix");
            for (int c = 0; c < cells.size(); c++) {
                Map<String, Object> local = new LinkedHashMap<>(context);
                local.put("item", cells.get(c));
                out.add(stage(name + "@" + suffixes.get(c), name, template, local));
            }
        } else {
            out.add(stage(name, name, body, context));
        }
    }

    private DvcPipelineStage stage(String name, String group, Map<?, ?> template, Map<String, Object> context)
            throws DvcInterpolation.MissingValueException {
        Map<String, Object> local = context;
        if (template.get("vars") != null) {
            local = new LinkedHashMap<>(context);
            for (Object entry : DefinitionYaml.list(template.get("vars"))) {
                for (Map.Entry<?, ?> var : DefinitionYaml.map(entry).entrySet()) {
                    local.put(String.valueOf(var.getKey()), var.getValue());
                }
            }
        }
        Map<?, ?> body = DefinitionYaml.map(DvcInterpolation.resolve(template, local));
        String wdir = DvcPath.join(folder, body.get("wdir") == null ? "" : String.valueOf(body.get("wdir")));
        List<String> deps = new ArrayList<>();
        for (Object dep : DefinitionYaml.list(body.get("deps"))) {
            deps.add(DvcPath.join(wdir, pathOf(dep)));
        }
        List<DvcPipelineStage.Output> outs = new ArrayList<>();
        for (String kind : List.of("outs", "metrics", "plots")) {
            for (Object out : DefinitionYaml.list(body.get(kind))) {
                Map<?, ?> options = out instanceof Map<?, ?> m && m.size() == 1
                        ? DefinitionYaml.map(m.values().iterator().next()) : Map.of();
                boolean cache = !Boolean.FALSE.equals(options.get("cache"));
                outs.add(new DvcPipelineStage.Output(DvcPath.join(wdir, pathOf(out)), kind, cache));
            }
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Object param : DefinitionYaml.list(body.get("params"))) {
            if (param instanceof Map<?, ?> byFile) {
                for (Map.Entry<?, ?> file : byFile.entrySet()) {
                    List<String> keys = new ArrayList<>();
                    DefinitionYaml.list(file.getValue()).forEach(k -> keys.add(String.valueOf(k)));
                    params.computeIfAbsent(DvcPath.join(wdir, String.valueOf(file.getKey())), k -> new ArrayList<>()).addAll(keys);
                }
            } else if (param != null) {
                params.computeIfAbsent(DvcPath.join(wdir, DEFAULT_PARAMS), k -> new ArrayList<>()).add(String.valueOf(param));
            }
        }
        Object cmd = body.get("cmd");
        String command = cmd instanceof List<?> list ? String.join("\n", list.stream().map(String::valueOf).toList())
                : cmd == null ? "" : String.valueOf(cmd);
        return new DvcPipelineStage(name, path, wdir, command, deps, outs, params, Boolean.TRUE.equals(body.get("frozen")),
                Boolean.TRUE.equals(body.get("always_changed")), group);
    }

    private static String pathOf(Object entry) {
        if (entry instanceof Map<?, ?> map && map.size() == 1) {
            return String.valueOf(map.keySet().iterator().next());
        }
        return String.valueOf(entry);
    }
}
