package dev.braid.pipelines.definitions;

import dev.braid.sync.SafeYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub Actions workflow into the DAG of its jobs: {@code needs}, {@code strategy.matrix}
 * expanded into the jobs GitHub names {@code "name (a, b)"}, and reusable workflows of the same
 * repository ({@code uses: ./.github/workflows/x.yml}) replaced by their jobs, named
 * {@code "caller / job"} as GitHub's runs name them. A matrix computed at run time, or a reusable
 * workflow from another repository, is drawn as one job with a note.
 */
public final class GitHubWorkflowReader {
    public static final String FOLDER = ".github/workflows/";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");
    private static final Pattern MATRIX_VALUE = Pattern.compile("matrix\\.([\\w-]+)");
    private static final int MAX_NESTING = 4;

    private final TreeFiles files;
    private final DagBuilder dag = new DagBuilder();

    private GitHubWorkflowReader(TreeFiles files) {
        this.files = files;
    }

    public static DefinitionDag read(TreeFiles files, String path, String text) throws IOException {
        GitHubWorkflowReader reader = new GitHubWorkflowReader(files);
        String name = path;
        try {
            Object loaded = DefinitionYaml.load(path, text);
            Map<?, ?> workflow = DefinitionYaml.map(loaded);
            if (!(loaded instanceof Map<?, ?>) || !(workflow.get("jobs") instanceof Map<?, ?>)) {
                reader.dag.note(path + " has no 'jobs' mapping, so it defines no jobs.");
            } else {
                name = workflow.get("name") instanceof String n ? n : path;
                reader.jobs(workflow, "", "", 0, path);
            }
        } catch (SafeYaml.UnreadableYamlException e) {
            reader.dag.note(e.getMessage());
        }
        return reader.dag.build(DefinitionKind.GITHUB_ACTIONS, path, files.commit(), name);
    }

    /** The jobs one workflow key became: where edges into it land, and where edges out of it start. */
    private record Ids(List<String> entries, List<String> exits) {
    }

    /**
     * Adds the jobs of {@code workflow} and the edges among them; ids and names get prefixes when
     * another job calls it. Returns the entries (jobs that need nothing inside it) and the exits
     * (jobs nothing inside it needs), for the caller's edges.
     */
    private Ids jobs(Map<?, ?> workflow, String idPrefix, String namePrefix, int depth, String path) throws IOException {
        Map<?, ?> jobs = DefinitionYaml.map(workflow.get("jobs"));
        Map<String, Ids> idsOf = new LinkedHashMap<>();
        Map<String, List<String>> needsOf = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : jobs.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Map<?, ?> job = DefinitionYaml.map(entry.getValue());
            needsOf.put(key, DefinitionYaml.list(job.get("needs")).stream().map(String::valueOf).toList());
            String uses = YamlValues.scalar(job.get("uses"));
            Ids ids = null;
            if (uses != null && uses.startsWith("./") && job.get("strategy") == null && depth < MAX_NESTING) {
                ids = called(key, job, uses, idPrefix, namePrefix, depth);
            }
            if (ids == null) {
                List<String> expanded = expandJob(key, job, idPrefix, namePrefix, path);
                ids = new Ids(expanded, expanded);
            }
            idsOf.put(key, ids);
        }
        List<String> entries = new ArrayList<>();
        java.util.Set<String> needed = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> entry : needsOf.entrySet()) {
            List<String> into = idsOf.get(entry.getKey()).entries();
            if (entry.getValue().isEmpty()) {
                entries.addAll(into);
            }
            for (String need : entry.getValue()) {
                needed.add(need);
                Ids from = idsOf.get(need);
                for (String to : into) {
                    for (String parent : from == null ? List.of(idPrefix + need) : from.exits()) {
                        dag.edge(parent, to, DefinedEdge.Kind.NEEDS, "");
                    }
                }
            }
        }
        List<String> exits = new ArrayList<>();
        idsOf.forEach((key, ids) -> {
            if (!needed.contains(key)) {
                exits.addAll(ids.exits());
            }
        });
        return new Ids(entries, exits);
    }

    private List<String> expandJob(String key, Map<?, ?> job, String idPrefix, String namePrefix, String path) {
        String written = YamlValues.scalar(job.get("name"));
        Map<String, String> attributes = attributes(job);
        Object matrix = DefinitionYaml.map(job.get("strategy")).get("matrix");
        List<Map<String, Object>> combos = matrix == null ? List.of(Map.of()) : GitHubMatrix.combinations(matrix);
        if (combos == null) {
            dag.note("The matrix of '" + key + "' in " + path + " is computed when the workflow runs; the job is drawn once.");
            combos = List.of(Map.of());
        } else if (combos.isEmpty()) {
            combos = List.of(Map.of());
        } else if (combos.size() > GitHubMatrix.MAX_JOBS) {
            dag.note("The matrix of '" + key + "' makes " + combos.size() + " jobs; GitHub runs at most "
                    + GitHubMatrix.MAX_JOBS + ", so only those are drawn.");
            combos = combos.subList(0, GitHubMatrix.MAX_JOBS);
        }
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> combo : combos) {
            String name = jobName(key, written, combo);
            String id = idPrefix + (combo.isEmpty() ? key : key + " (" + values(combo) + ")");
            Map<String, String> own = new LinkedHashMap<>(attributes);
            if (!combo.isEmpty()) {
                List<String> pairs = new ArrayList<>();
                combo.forEach((k, v) -> pairs.add(k + "=" + GitHubMatrix.display(v)));
                own.put("matrix", String.join(", ", pairs));
            }
            if (dag.job(id, namePrefix + name, idPrefix.isEmpty() ? "" : idPrefix.substring(0, idPrefix.length() - 1),
                    idPrefix + key, own)) {
                ids.add(id);
            }
        }
        if (YamlValues.scalar(job.get("uses")) != null && !YamlValues.scalar(job.get("uses")).startsWith("./")) {
            dag.note("'" + key + "' calls the reusable workflow " + job.get("uses")
                    + " from another repository; its jobs are not in this repository and are drawn as one job.");
        } else if (YamlValues.scalar(job.get("uses")) != null && job.get("strategy") != null) {
            dag.note("'" + key + "' calls " + job.get("uses") + " once per matrix combination; the called jobs are drawn"
                    + " as one job per combination.");
        }
        return ids;
    }

    /** The jobs of a reusable workflow in this repository, or null when it cannot be read (noted). */
    private Ids called(String key, Map<?, ?> job, String uses, String idPrefix, String namePrefix, int depth)
            throws IOException {
        String calledPath = uses.substring(2).replaceFirst("@.*$", "");
        Optional<String> text = files.read(calledPath);
        if (text.isEmpty()) {
            dag.note("'" + key + "' calls " + calledPath + ", which is not in this commit; it is drawn as one job.");
            return null;
        }
        Map<?, ?> called;
        try {
            called = DefinitionYaml.map(DefinitionYaml.load(calledPath, text.get()));
        } catch (SafeYaml.UnreadableYamlException e) {
            dag.note(e.getMessage() + "; '" + key + "' is drawn as one job.");
            return null;
        }
        String callerName = YamlValues.scalar(job.get("name")) != null ? YamlValues.scalar(job.get("name")) : key;
        Ids inner = jobs(called, idPrefix + key + "/", namePrefix + callerName + " / ", depth + 1, calledPath);
        return inner.exits().isEmpty() ? null : inner;
    }

    /**
     * The name GitHub shows: the written name with its {@code ${{ matrix.x }}} expressions
     * (also {@code matrix.a || matrix.b || 'text'}) filled in, or, when the name uses no matrix
     * value, the name followed by the combination's values in parentheses.
     */
    private static String jobName(String key, String written, Map<String, Object> combo) {
        String base = written == null ? key : written;
        if (combo.isEmpty() && written == null) {
            return key;
        }
        Matcher m = EXPRESSION.matcher(base);
        StringBuilder out = new StringBuilder();
        boolean usesMatrix = false;
        while (m.find()) {
            String value = evaluate(m.group(1), combo);
            if (value == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                usesMatrix = true;
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return usesMatrix || combo.isEmpty() ? out.toString() : out + " (" + values(combo) + ")";
    }

    /** {@code matrix.a || matrix.b || 'text'}: the first non-empty term, or null for any other expression. */
    private static String evaluate(String expression, Map<String, Object> combo) {
        boolean matrix = false;
        for (String term : expression.split("\\|\\|")) {
            String t = term.strip();
            Matcher value = MATRIX_VALUE.matcher(t);
            String text;
            if (value.matches()) {
                matrix = true;
                Object v = combo.get(value.group(1));
                text = v == null ? "" : GitHubMatrix.display(v);
            } else if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
                text = t.substring(1, t.length() - 1);
            } else {
                return null;
            }
            if (!text.isEmpty()) {
                return matrix ? text : matrixOrNull(expression, text);
            }
        }
        return matrix ? "" : null;
    }

    /** A literal only counts as a matrix value when the expression reads the matrix somewhere. */
    private static String matrixOrNull(String expression, String text) {
        return expression.contains("matrix.") ? text : null;
    }

    private static String values(Map<String, Object> combo) {
        return String.join(", ", combo.values().stream().map(GitHubMatrix::display).toList());
    }

    private static Map<String, String> attributes(Map<?, ?> job) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : List.of("runs-on", "uses", "if", "environment", "continue-on-error", "timeout-minutes")) {
            Object value = job.get(key);
            if (value instanceof Map<?, ?> map && map.get("name") != null) {
                value = map.get("name");
            }
            if (value != null) {
                out.put(key, YamlValues.brief(value));
            }
        }
        return out;
    }
}
