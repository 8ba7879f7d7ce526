package dev.braid.app;

import dev.braid.cli.Cli;
import dev.braid.cli.CliEnvironment;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The work the build has Braid do once so that a class-data archive (AppCDS) can hold the classes
 * the command line loads: the demo workspace is made and synced on a throw-away data folder, then
 * the everyday commands read it. Every later {@code braid} started with that archive maps those
 * classes instead of loading, verifying and linking them again. Not part of Braid's behaviour:
 * nothing here is kept, and a failure only makes the archive smaller, never the build fail.
 *
 * <p>The build (pom.xml, installer/build.sh) makes a static archive in three steps:
 * <pre>
 * java -XX:DumpLoadedClassList=braid.classlist -cp /abs/braid.jar dev.braid.app.ClassDataTraining WORK_DIR
 * java -cp /abs/braid.jar dev.braid.app.ClassDataTraining --drop-unarchivable braid.classlist
 * java -Xshare:dump -XX:SharedClassListFile=braid.classlist -XX:SharedArchiveFile=braid.jsa -cp /abs/braid.jar
 * </pre>
 * The middle step removes the lambda classes of signed jars (JGit's): such jars are never archived,
 * and JDK 17 crashes while dumping when it meets a lambda whose class it left out. (A dynamic
 * archive, {@code -XX:ArchiveClassesAtExit}, crashes the same way, so it is not used.)
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--drop-unarchivable")) {
            dropUnarchivable(Path.of(args[1]));
            return;
        }
        Path work = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("braid-class-data");
        try {
            deleteTree(work);
            train(work);
        } catch (RuntimeException | IOException e) {
            System.err.println("class-data training stopped early (the archive holds fewer classes): " + e);
        } finally {
            deleteTree(work);
        }
    }

    private static void train(Path work) throws IOException {
        Path data = work.resolve("data");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", work.toString());
        env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
        env.put("CI", "true");
        String[] dataDir = {"--data-dir", data.toString()};
        run(env, "--version");
        run(env, "--help");
        run(env, "lineage", "--help");
        run(env, "no-such-command");
        run(env, join(dataDir, "status"));
        run(env, join(dataDir, "demo", "--into", work.resolve("demo").toString()));
        for (String[] command : List.of(
                new String[] {"status"}, new String[] {"status", "--json"},
                new String[] {"repo", "list"}, new String[] {"repo", "list", "--json"},
                new String[] {"repo", "log", "demo-ml-project", "--limit", "50"},
                new String[] {"repo", "log", "demo-ml-project", "--all", "--json"},
                new String[] {"runs", "list", "--limit", "50"}, new String[] {"runs", "list", "--json"},
                new String[] {"models", "list"}, new String[] {"models", "list", "--json"},
                new String[] {"sync"})) {
            run(env, join(dataDir, command));
        }
        List<String> nodes = lineageNodes(data);
        if (nodes.size() >= 2) {
            String first = nodes.get(0);
            String last = nodes.get(nodes.size() - 1);
            run(env, join(dataDir, "lineage", "show", last, "--depth", "10"));
            run(env, join(dataDir, "lineage", "show", last, "--upstream", "--depth", "10", "--json"));
            run(env, join(dataDir, "lineage", "impact", first));
            run(env, join(dataDir, "lineage", "impact", first, "--json"));
            run(env, join(dataDir, "lineage", "path", first, last, "--json"));
            run(env, join(dataDir, "lineage", "path", first, last));
        }
    }

    /** A repository node and model versions of the demo, upstream end first. */
    private static List<String> lineageNodes(Path data) throws IOException {
        List<String> ids = new ArrayList<>();
        try (AppContext context = AppContext.open(new DataDirectories(data, data.resolve("config")), Clock.systemUTC())) {
            context.lineage().latest(NodeKind.REPOSITORY, 1).forEach(n -> ids.add(n.id().value()));
            for (LineageNode version : context.lineage().latest(NodeKind.MODEL_VERSION, 1)) {
                ids.add(version.id().value());
            }
        } catch (dev.braid.store.CacheOpenException e) {
            throw new IOException(e.getMessage(), e);
        }
        return ids;
    }

    private static void run(Map<String, String> env, String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        new Cli(new CliEnvironment(discard, discard, env, Clock.systemUTC(), (dirs, explicit) -> { })).run(args);
    }

    /** Rewrites a class list without the lambda classes whose defining class comes from a signed jar. */
    static void dropUnarchivable(Path list) throws IOException {
        Map<String, Boolean> signedJars = new HashMap<>();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            if (line.startsWith("@lambda-proxy ")) {
                String caller = line.split(" ")[1];
                if (fromSignedJar(caller, signedJars)) {
                    continue;
                }
            }
            kept.add(line);
        }
        Files.write(list, kept);
    }

    private static boolean fromSignedJar(String className, Map<String, Boolean> signedJars) throws IOException {
        java.net.URL resource = ClassLoader.getSystemResource(className + ".class");
        if (resource == null || !resource.getProtocol().equals("jar")) {
            return false;
        }
        String jar = resource.getPath().substring(0, resource.getPath().indexOf("!/"));
        Boolean signed = signedJars.get(jar);
        if (signed == null) {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(Path.of(java.net.URI.create(jar)).toFile())) {
                signed = file.stream().anyMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(".SF"));
            }
            signedJars.put(jar, signed);
        }
        return signed;
    }

    private static String[] join(String[] first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
