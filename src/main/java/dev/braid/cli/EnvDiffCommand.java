package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.security.SecurityException;
import dev.braid.security.env.Difference;
import dev.braid.security.env.Environment;
import dev.braid.security.env.EnvironmentService;
import dev.braid.security.env.Severity;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code braid env diff A B [--json]}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares what model version A was built with (MLmodel flavours, Python, requirements.txt,",
                "conda.yaml, python_env.yaml) with B: another model version, or a serving environment. Differences by",
                "severity: high (another major version of the framework, a pickled model whose library changed minor",
                "version, another Python major version), medium (another Python minor version, packages B lacks), low,",
                "info. A and B: MODEL/VERSION, SOURCE:MODEL/VERSION, models:/MODEL@ALIAS, a file (requirements.txt,",
                "a lock file, pyproject.toml, environment.yml, Dockerfile) or repo:NAME@REF:PATH in an indexed repository."})
final class EnvDiffCommand implements Callable<Integer> {
    @ParentCommand
    private EnvCommand env;

    @Parameters(index = "0", paramLabel = "A", description = "The model version (or environment) to check.")
    private String left;

    @Parameters(index = "1", paramLabel = "B", description = "What to check it against.")
    private String right;

    @Option(names = "--json", description = "Print one JSON document.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment out = env.root().environment();
        try (AppContext context = env.root().openContext()) {
            EnvironmentService environments = context.security().environments();
            Environment a;
            Environment b;
            try {
                a = environments.of(left);
                b = environments.of(right);
            } catch (SecurityException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            List<Difference> differences = environments.diff(a, b);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("left", describe(a));
                doc.put("right", describe(b));
                List<Map<String, Object>> list = new ArrayList<>();
                for (Difference d : differences) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("severity", d.severity().word());
                    m.put("subject", d.subject());
                    m.put("left", d.left());
                    m.put("right", d.right());
                    m.put("message", d.message());
                    list.add(m);
                }
                doc.put("differences", list);
                new JsonOutput(out.data()).document(doc);
            } else {
                print(out, a, b, differences);
            }
            return ExitCodes.OK;
        }
    }

    private static void print(CliEnvironment out, Environment a, Environment b, List<Difference> differences) {
        out.out().println(a.label() + "  vs  " + b.label());
        for (String problem : a.problems()) {
            out.err().println("warning: " + problem);
        }
        for (String problem : b.problems()) {
            out.err().println("warning: " + problem);
        }
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        TextTable table = new TextTable("SEVERITY", "WHAT", "A", "B", "WHY");
        for (Difference d : differences) {
            counts.merge(d.severity(), 1, Integer::sum);
            table.row(d.severity().word(), d.subject(), d.left() == null ? "-" : d.left(), d.right() == null ? "-" : d.right(),
                    d.message());
        }
        if (!differences.isEmpty()) {
            table.print(out.out());
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            parts.add(counts.getOrDefault(s, 0) + " " + s.word());
        }
        out.out().println(differences.size() + " difference" + (differences.size() == 1 ? "" : "s") + ": "
                + String.join(", ", parts));
    }

    private static Map<String, Object> describe(Environment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", e.label());
        m.put("python", e.python());
        m.put("flavours", e.flavours().stream().map(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("library", f.library());
            fm.put("version", f.version());
            fm.put("pickled", f.pickled());
            return fm;
        }).toList());
        m.put("packages", e.packages().size());
        m.put("sources", e.sources());
        m.put("problems", e.problems());
        return m;
    }
}
