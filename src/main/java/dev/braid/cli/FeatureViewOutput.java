package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.features.FeatureException;
import dev.braid.features.feast.ViewField;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code features show} and {@code features diff} share: looking a feature view up in the
 * cache (a name it does not know is a usage error, with the service's words), then printing it as
 * one JSON document or as text, and how fields print in JSON.
 */
final class FeatureViewOutput {
    /** Finds what a command prints, in the open cache. */
    interface Lookup<T> {
        T find(AppContext context) throws FeatureException;
    }

    /** Prints the found thing as text. */
    interface Text<T> {
        void print(PrintWriter out, T found, CliEnvironment env);
    }

    private FeatureViewOutput() {
    }

    static <T> int show(FeaturesCommand features, CommandSpec spec, boolean json, Lookup<T> lookup,
                        Function<T, Map<String, Object>> document, Text<T> text) throws CacheOpenException, IOException {
        CliEnvironment env = features.root().environment();
        try (AppContext context = features.root().openContext()) {
            T found;
            try {
                found = lookup.find(context);
            } catch (FeatureException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (json) {
                new JsonOutput(env.out()).document(document.apply(found));
            } else {
                text.print(env.out(), found, env);
            }
            return ExitCodes.OK;
        }
    }

    /** Fields as JSON objects with {@code name} and {@code type}. */
    static List<Map<String, Object>> fields(List<ViewField> fields) {
        return fields.stream().map(f -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", f.name());
            field.put("type", f.type());
            return field;
        }).toList();
    }
}
