package dev.braid.security.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.braid.sync.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads environments from the files that describe them. A model version: MLflow's {@code MLmodel}
 * (flavours with their framework versions, the Python that trained it), {@code requirements.txt},
 * {@code conda.yaml} and {@code python_env.yaml}. A serving environment: a requirements or
 * constraints file, a pip, Poetry, uv or Pipenv lock file, a {@code pyproject.toml}, a conda
 * {@code environment.yml}, or a {@code Dockerfile}'s base image and {@code pip install}s.
 * Broken files are named in {@link Environment#problems()}; nothing here throws on bad input.
 */
public final class EnvironmentReader {
    private static final Pattern CONDA_PYTHON = Pattern.compile("^python\\s*[=<>~]*\\s*([0-9][0-9.]*)");
    private static final Pattern FROM = Pattern.compile("(?im)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)");
    private static final Pattern PIP_INSTALL = Pattern.compile("(?i)\\bpip3?\\s+install\\s+([^&;|]+)");
    private final SafeYaml yaml = SafeYaml.standard();
    private final TomlMapper toml = new TomlMapper();
    private final ObjectMapper json = new ObjectMapper();

    /** A model's environment from the files of its folder (name → content; missing files are fine). */
    public Environment model(String label, Map<String, String> files) {
        Builder env = new Builder(label);
        String mlmodel = files.get("MLmodel");
        if (mlmodel != null) {
            mlmodel(env, mlmodel);
        }
        String requirements = files.get("requirements.txt");
        if (requirements != null) {
            requirements(env, "requirements.txt", requirements, files::get);
        }
        String conda = files.get("conda.yaml");
        if (conda != null) {
            conda(env, "conda.yaml", conda, files::get);
        }
        String pythonEnv = files.get("python_env.yaml");
        if (pythonEnv != null) {
            pythonEnv(env, pythonEnv, files::get);
        }
        return env.build();
    }

    /**
     * A serving environment from one file, chosen by its name; {@code sibling} reads other files
     * it refers to ({@code -r base.txt}, {@code COPY requirements.txt}), by path relative to it.
     */
    public Environment serving(String label, String fileName, String text, Function<String, String> sibling) {
        Builder env = new Builder(label);
        String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals("dockerfile") || name.startsWith("dockerfile.") || name.endsWith(".dockerfile")) {
            dockerfile(env, fileName, text, sibling);
        } else if (name.equals("pyproject.toml")) {
            pyproject(env, text);
        } else if (name.equals("poetry.lock") || name.equals("uv.lock") || name.equals("pdm.lock")) {
            tomlLock(env, fileName, text);
        } else if (name.equals("pipfile.lock")) {
            pipfileLock(env, text);
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            conda(env, fileName, text, sibling);
        } else {
            requirements(env, fileName, text, sibling);
        }
        return env.build();
    }

    private void mlmodel(Builder env, String text) {
        Map<String, Object> doc;
        try {
            doc = yaml.loadMapping("MLmodel", text);
        } catch (SafeYaml.UnreadableYamlException e) {
            env.problems.add(e.getMessage());
            return;
        }
        env.sources.add("MLmodel");
        if (doc.get("flavors") instanceof Map<?, ?> flavours) {
            for (Map.Entry<?, ?> f : flavours.entrySet()) {
                if (!(f.getValue() instanceof Map<?, ?> conf)) {
                    continue;
                }
                String flavour = String.valueOf(f.getKey());
                if (conf.get("python_version") != null) {
                    env.python(String.valueOf(conf.get("python_version")));
                }
                env.flavours.add(Flavours.of(flavour, conf));
            }
        }
        if (doc.get("mlflow_version") != null) {
            env.pkg(new Requirement("mlflow", String.valueOf(doc.get("mlflow_version")), "==" + doc.get("mlflow_version")));
        }
    }

    private void requirements(Builder env, String name, String text, Function<String, String> sibling) {
        env.sources.add(name);
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("-r ") || line.startsWith("--requirement ") || line.startsWith("-c ")) {
                String ref = line.substring(line.indexOf(' ') + 1).strip();
                String included = sibling.apply(ref);
                if (included != null && !env.sources.contains(ref)) {
                    requirements(env, ref, included, sibling);
                } else if (included == null) {
                    env.problems.add(name + " refers to " + ref + ", which is not there");
                }
                continue;
            }
            Requirement r = Requirement.parse(line);
            if (r != null) {
                env.pkg(r);
            }
        }
    }

    private void conda(Builder env, String name, String text, Function<String, String> sibling) {
        Map<String, Object> doc;
        try {
            doc = yaml.loadMapping(name, text);
        } catch (SafeYaml.UnreadableYamlException e) {
            env.problems.add(e.getMessage());
            return;
        }
        env.sources.add(name);
        if (!(doc.get("dependencies") instanceof List<?> deps)) {
            return;
        }
        for (Object dep : deps) {
            if (dep instanceof String s) {
                Matcher py = CONDA_PYTHON.matcher(s.strip());
                if (py.find()) {
                    env.python(py.group(1));
                } else {
                    Requirement r = Requirement.conda(s);
                    if (r != null && !r.name().equals("pip")) {
                        env.pkg(r);
                    }
                }
            } else if (dep instanceof Map<?, ?> m && m.get("pip") instanceof List<?> pip) {
                requirements(env, name + " (pip)", String.join("\n", pip.stream().map(String::valueOf).toList()), sibling);
                env.sources.remove(name + " (pip)");
            }
        }
    }

    private void pythonEnv(Builder env, String text, Function<String, String> sibling) {
        Map<String, Object> doc;
        try {
            doc = yaml.loadMapping("python_env.yaml", text);
        } catch (SafeYaml.UnreadableYamlException e) {
            env.problems.add(e.getMessage());
            return;
        }
        env.sources.add("python_env.yaml");
        if (doc.get("python") != null) {
            env.python(String.valueOf(doc.get("python")));
        }
        if (doc.get("dependencies") instanceof List<?> deps) {
            requirements(env, "python_env.yaml (dependencies)", String.join("\n", deps.stream().map(String::valueOf)
                    .toList()), sibling);
            env.sources.remove("python_env.yaml (dependencies)");
        }
    }

    private void pyproject(Builder env, String text) {
        JsonNode doc;
        try {
            doc = toml.readTree(text);
        } catch (Exception e) {
            env.problems.add("pyproject.toml is not readable TOML: " + e.getMessage());
            return;
        }
        env.sources.add("pyproject.toml");
        JsonNode project = doc.path("project");
        String requires = project.path("requires-python").asText(null);
        if (requires != null) {
            env.pythonSpec(requires);
        }
        project.path("dependencies").forEach(d -> addParsed(env, d.asText()));
        JsonNode poetry = doc.path("tool").path("poetry").path("dependencies");
        poetry.fields().forEachRemaining(f -> {
            String spec = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().path("version").asText("");
            if (f.getKey().equalsIgnoreCase("python")) {
                env.pythonSpec(spec);
            } else {
                String pinned = spec.matches("^=?=?\\d[\\w.]*$") ? spec.replace("=", "") : null;
                env.pkg(new Requirement(Requirement.normalise(f.getKey()), pinned, spec));
            }
        });
    }

    private void tomlLock(Builder env, String name, String text) {
        JsonNode doc;
        try {
            doc = toml.readTree(text);
        } catch (Exception e) {
            env.problems.add(name + " is not readable TOML: " + e.getMessage());
            return;
        }
        env.sources.add(name);
        for (JsonNode pkg : doc.path("package")) {
            String version = pkg.path("version").asText(null);
            env.pkg(new Requirement(Requirement.normalise(pkg.path("name").asText()), version, version == null ? "" : "==" + version));
        }
        String requires = doc.path("requires-python").asText(doc.path("metadata").path("python-versions").asText(null));
        if (requires != null) {
            env.pythonSpec(requires);
        }
    }

    private void pipfileLock(Builder env, String text) {
        JsonNode doc;
        try {
            doc = json.readTree(text);
        } catch (Exception e) {
            env.problems.add("Pipfile.lock is not JSON: " + e.getMessage());
            return;
        }
        env.sources.add("Pipfile.lock");
        String python = doc.path("_meta").path("requires").path("python_version").asText(null);
        if (python != null) {
            env.python(python);
        }
        doc.path("default").fields().forEachRemaining(f -> {
            String spec = f.getValue().path("version").asText("");
            env.pkg(new Requirement(Requirement.normalise(f.getKey()), spec.startsWith("==") ? spec.substring(2) : null, spec));
        });
    }

    private void dockerfile(Builder env, String name, String text, Function<String, String> sibling) {
        env.sources.add(name);
        String joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
        Matcher from = FROM.matcher(joined);
        while (from.find()) {
            String image = from.group(1);
            String repo = image.contains(":") ? image.substring(0, image.indexOf(':')) : image;
            if (repo.endsWith("python") && image.contains(":")) {
                Matcher v = Pattern.compile("^(\\d+(\\.\\d+)*)").matcher(image.substring(image.indexOf(':') + 1));
                if (v.find()) {
                    env.python(v.group(1));
                }
            }
        }
        Matcher pip = PIP_INSTALL.matcher(joined);
        while (pip.find()) {
            String[] words = pip.group(1).strip().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String w = words[i].replaceAll("^[\"']|[\"']$", "");
                if ((w.equals("-r") || w.equals("--requirement")) && i + 1 < words.length) {
                    String ref = words[++i];
                    String included = sibling.apply(ref);
                    if (included != null) {
                        requirements(env, ref, included, sibling);
                    } else {
                        env.problems.add(name + " installs " + ref + ", which is not there");
                    }
                } else if (!w.startsWith("-")) {
                    addParsed(env, w);
                }
            }
        }
    }

    private static void addParsed(Builder env, String text) {
        Requirement r = Requirement.parse(text);
        if (r != null) {
            env.pkg(r);
        }
    }

    /** Collects an environment; the first file that names a package or Python wins, as pip reads files in order. */
    private static final class Builder {
        private final String label;
        private String python;
        private final List<Environment.Flavour> flavours = new ArrayList<>();
        private final Map<String, Requirement> packages = new LinkedHashMap<>();
        private final List<String> sources = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        Builder(String label) {
            this.label = label;
        }

        void python(String version) {
            if (python == null && version != null && !version.isBlank()) {
                python = version.strip();
            }
        }

        /** {@code >=3.10,<3.13} and the like: the lowest version named stands for it. */
        void pythonSpec(String spec) {
            Matcher m = Pattern.compile("(\\d+\\.\\d+(\\.\\d+)?)").matcher(spec);
            if (m.find()) {
                python(m.group(1));
            }
        }

        void pkg(Requirement r) {
            Requirement old = packages.get(r.name());
            if (old == null || (old.version() == null && r.version() != null)) {
                packages.put(r.name(), r);
            }
        }

        Environment build() {
            return new Environment(label, python, flavours, packages, sources, problems);
        }
    }
}
