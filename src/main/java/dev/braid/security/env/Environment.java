package dev.braid.security.env;

import java.util.List;
import java.util.Map;

/**
 * What a model was built with, or what a serving environment offers: the Python version, the
 * MLflow flavours with their framework versions, and the packages by normalised name.
 *
 * @param label     what this environment is, for people ({@code fraud/3}, {@code Dockerfile at ab12cd3})
 * @param python    the Python version ({@code 3.11.7}, {@code 3.11}), or null when nothing says
 * @param flavours  the model's MLflow flavours (none for a serving environment)
 * @param packages  package name → requirement
 * @param sources   the files this was read from ({@code MLmodel}, {@code requirements.txt}, …)
 * @param problems  files that were there but could not be read, with why
 */
public record Environment(String label, String python, List<Flavour> flavours, Map<String, Requirement> packages,
                          List<String> sources, List<String> problems) {
    public Environment {
        flavours = List.copyOf(flavours);
        packages = Map.copyOf(packages);
        sources = List.copyOf(sources);
        problems = List.copyOf(problems);
    }

    /**
     * This model environment completed by what its training run recorded ({@code run} may be
     * null): the model's own files win where both name a package or the Python version, since they
     * are what the model was logged with; the run adds the packages and Python version they leave
     * out. The run's files are listed as sources and problems prefixed with "run ".
     */
    public Environment withRun(Environment run) {
        if (run == null) {
            return this;
        }
        Map<String, Requirement> merged = new java.util.LinkedHashMap<>(run.packages());
        merged.putAll(packages);
        List<String> allSources = new java.util.ArrayList<>(sources);
        run.sources().forEach(s -> allSources.add("run " + s));
        List<String> allProblems = new java.util.ArrayList<>(problems);
        run.problems().forEach(p -> allProblems.add("run: " + p));
        return new Environment(label, python != null ? python : run.python(), flavours, merged, allSources, allProblems);
    }

    /**
     * One MLflow flavour: its name, the library it needs (a package name), the version MLmodel
     * records, and whether it stores the model as a pickle (so a library change can break loading).
     */
    public record Flavour(String name, String library, String version, boolean pickled, String serialization) {
    }
}
