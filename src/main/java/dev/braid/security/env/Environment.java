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
     * One MLflow flavour: its name, the library it needs (a package name), the version MLmodel
     * records, and whether it stores the model as a pickle (so a library change can break loading).
     */
    public record Flavour(String name, String library, String version, boolean pickled, String serialization) {
    }
}
