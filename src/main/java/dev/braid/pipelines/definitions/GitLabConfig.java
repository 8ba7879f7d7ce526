package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code .gitlab-ci.yml} as GitLab sees it before running: local includes merged in (the
 * including file's keys win), {@code extends} applied (reverse deep merge, lists replaced, up to
 * eleven levels) and {@code !reference} tags replaced by what they point at. Remote, project,
 * template and component includes cannot be read offline: each is named in a note.
 */
final class GitLabConfig {
    private static final int MAX_INCLUDES = 150;
    private static final int MAX_EXTENDS_DEPTH = 11;
    private static final int MAX_REFERENCE_DEPTH = 10;

    private final TreeFiles files;
    private final DagBuilder notes;
    private final Set<String> included = new LinkedHashSet<>();

    private GitLabConfig(TreeFiles files, DagBuilder notes) {
        this.files = files;
        this.notes = notes;
    }

    /** The merged, extended configuration of {@code path}; problems go to {@code notes}. */
    static Map<Object, Object> read(TreeFiles files, String path, String text, DagBuilder notes)
            throws SafeYaml.UnreadableYamlException, IOException {
        GitLabConfig config = new GitLabConfig(files, notes);
        config.included.add(path);
        Map<Object, Object> merged = config.withIncludes(path, document(path, text), 0);
        Map<Object, Object> extended = config.applyExtends(merged);
        return config.resolveReferences(extended);
    }

    /** The configuration document: the second one when the first is a component's {@code spec:} header. */
    private static Map<?, ?> document(String path, String text) throws SafeYaml.UnreadableYamlException {
        List<Object> docs = DefinitionYaml.loadAll(path, text);
        if (docs.isEmpty() || docs.get(0) == null) {
            return Map.of();
        }
        Map<?, ?> first = DefinitionYaml.map(docs.get(0));
        if (docs.size() > 1 && first.size() == 1 && first.containsKey("spec")) {
            return DefinitionYaml.map(docs.get(1));
        }
        if (!(docs.get(0) instanceof Map<?, ?>)) {
            throw new SafeYaml.UnreadableYamlException(path + ": expected a mapping of jobs and keywords at the top", null);
        }
        return first;
    }

    private Map<Object, Object> withIncludes(String path, Map<?, ?> config, int depth) throws IOException {
        Map<Object, Object> base = new LinkedHashMap<>();
        for (Object include : DefinitionYaml.list(config.get("include"))) {
            for (String local : localIncludes(path, include)) {
                if (!included.add(local)) {
                    continue;
                }
                if (included.size() > MAX_INCLUDES) {
                    notes.note("More than " + MAX_INCLUDES + " included files; " + local + " and later ones were left out.");
                    continue;
                }
                Optional<String> text = files.read(local);
                if (text.isEmpty()) {
                    notes.note("The local include " + local + " (from " + path + ") is not in this commit; it was left out.");
                    continue;
                }
                try {
                    base = YamlValues.deepMerge(base, withIncludes(local, document(local, text.get()), depth + 1));
                } catch (SafeYaml.UnreadableYamlException e) {
                    notes.note("The local include " + e.getMessage() + "; it was left out.");
                }
            }
        }
        Map<Object, Object> own = new LinkedHashMap<>(config);
        own.remove("include");
        return YamlValues.deepMerge(base, own);
    }

    /** The repository paths an {@code include} entry names, with notes for the kinds that cannot be read here. */
    private List<String> localIncludes(String from, Object include) throws IOException {
        if (include instanceof String text) {
            if (text.matches("(?i)https?://.*")) {
                notes.note("The remote include " + text + " cannot be read offline; its jobs are left out.");
                return List.of();
            }
            return expand(text);
        }
        Map<?, ?> entry = DefinitionYaml.map(include);
        if (entry.get("local") != null) {
            if (entry.containsKey("rules")) {
                notes.note("The include " + entry.get("local") + " has rules, which are decided when a pipeline runs;"
                        + " it is shown as included.");
            }
            return expand(String.valueOf(entry.get("local")));
        }
        if (entry.get("remote") != null) {
            notes.note("The remote include " + entry.get("remote") + " cannot be read offline; its jobs are left out.");
        } else if (entry.get("project") != null) {
            notes.note("The include of " + DefinitionYaml.list(entry.get("file")) + " from project " + entry.get("project")
                    + " cannot be read from this repository; its jobs are left out.");
        } else if (entry.get("template") != null) {
            notes.note("The GitLab template " + entry.get("template") + " is not in the repository; its jobs are left out.");
        } else if (entry.get("component") != null) {
            notes.note("The CI/CD component " + entry.get("component") + " is not in the repository; its jobs are left out.");
        } else {
            notes.note("An include in " + from + " names nothing Braid can read (" + YamlValues.brief(include) + ").");
        }
        return List.of();
    }

    /** A local include path, or every file its wildcards match, relative to the repository root. */
    private List<String> expand(String written) throws IOException {
        String path = written.strip().replaceFirst("^/+", "");
        if (!path.contains("*")) {
            return List.of(path);
        }
        Pattern glob = Pattern.compile(globToRegex(path));
        List<String> matches = new ArrayList<>();
        for (String candidate : files.paths()) {
            if (glob.matcher(candidate).matches()) {
                matches.add(candidate);
            }
        }
        if (matches.isEmpty()) {
            notes.note("The local include " + written + " matches no file in this commit.");
        }
        return matches;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    regex.append("/?");
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private Map<Object, Object> applyExtends(Map<Object, Object> config) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : config.entrySet()) {
            Object value = entry.getValue();
            if (entry.getKey() instanceof String name && value instanceof Map<?, ?> job && job.containsKey("extends")) {
                value = extended(config, name, 0, new LinkedHashSet<>());
            }
            out.put(entry.getKey(), value);
        }
        return out;
    }

    private Map<?, ?> extended(Map<Object, Object> config, String name, int depth, Set<String> chain) {
        Map<?, ?> job = DefinitionYaml.map(config.get(name));
        if (!job.containsKey("extends")) {
            return job;
        }
        if (depth >= MAX_EXTENDS_DEPTH || !chain.add(name)) {
            notes.note("'" + name + "' extends in a loop or more than " + MAX_EXTENDS_DEPTH
                    + " levels deep; the deeper templates were left out.");
            return job;
        }
        Map<Object, Object> merged = new LinkedHashMap<>();
        for (Object parent : DefinitionYaml.list(job.get("extends"))) {
            String parentName = String.valueOf(parent);
            if (!(config.get(parentName) instanceof Map<?, ?>)) {
                notes.note("'" + name + "' extends '" + parentName + "', which is not defined here; it was left out.");
                continue;
            }
            merged = YamlValues.deepMerge(merged, extended(config, parentName, depth + 1, new LinkedHashSet<>(chain)));
        }
        Map<Object, Object> own = new LinkedHashMap<>(job);
        own.remove("extends");
        merged.remove("extends");
        return YamlValues.deepMerge(merged, own);
    }

    private Map<Object, Object> resolveReferences(Map<Object, Object> config) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : config.entrySet()) {
            out.put(entry.getKey(), resolve(config, entry.getValue(), 0));
        }
        return out;
    }

    private Object resolve(Map<Object, Object> config, Object value, int depth) {
        if (value instanceof SafeYaml.Tagged tagged && tagged.tag().equals("!reference")) {
            if (depth >= MAX_REFERENCE_DEPTH) {
                notes.note("!reference tags nested more than " + MAX_REFERENCE_DEPTH + " levels deep were left out.");
                return null;
            }
            Object target = config;
            for (Object step : DefinitionYaml.list(tagged.value())) {
                target = DefinitionYaml.map(target).get(String.valueOf(step));
            }
            if (target == null) {
                notes.note("!reference " + tagged.value() + " points at nothing; it was left out.");
            }
            return resolve(config, target, depth + 1);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(entry.getKey(), resolve(config, entry.getValue(), depth));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(resolve(config, item, depth));
            }
            return out;
        }
        return value;
    }
}
