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
 * the command line and the window load: the demo workspace is made and synced on a throw-away
 * data folder, then the everyday commands read it, then the window's classes are loaded from the
 * list installer/window-classes.sh records (the build has no display). Every later {@code braid} started with that archive maps those
 * classes instead of loading, verifying and linking them again. Not part of Braid's behaviour:
 * nothing here is kept, and a failure only makes the archive smaller, never the build fail.
 *
 * <p>The build (pom.xml, installer/build.sh) makes a static archive in three steps:
 * <pre>
 * java -XX:DumpLoadedClassList=braid.classlist -cp /abs/braid.jar dev.braid.app.ClassDataTraining WORK_DIR
 * java -cp /abs/braid.jar dev.braid.app.ClassDataTraining --drop-unarchivable braid.classlist
 * java -Xshare:dump -XX:SharedClassListFile=braid.classlist -XX:SharedArchiveFile=braid.jsa -cp /abs/braid.jar
 * </pre>
 * The middle step removes the lambda classes of signed jars: such jars are never archived, and
 * JDK 17 crashes while dumping when it meets a lambda whose class it left out. (A dynamic
 * archive, {@code -XX:ArchiveClassesAtExit}, crashes the same way, so it is not used.) The build
 * first drops the signatures of the jars it copies ({@code --drop-signatures lib}; JGit's are signed),
 * so that their classes are archived too.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--drop-unarchivable")) {
            dropUnarchivable(Path.of(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals("--drop-signatures")) {
            dropSignatures(Path.of(args[1]));
            return;
        }
        Path work = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : Files.createTempDirectory("braid-class-data");
        try {
            deleteTree(work);
            train(work);
            loadWindowClasses();
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

    /**
     * Loads, without initialising them, the classes the window loads (window-classes.txt, written
     * by installer/window-classes.sh on a virtual screen): the build has no display to open the
     * window on, and JavaFX's classes are most of what the window's first frame waits for.
     */
    private static void loadWindowClasses() throws IOException {
        ClassLoader loader = ClassDataTraining.class.getClassLoader();
        try (java.io.InputStream in = ClassDataTraining.class.getResourceAsStream("window-classes.txt")) {
            if (in == null) {
                return;
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name.replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError gone) {
                    // Renamed or removed since the list was written, or made at run time: not archived.
                }
            }
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

    /**
     * Rewrites the signed jars of a library folder without their signature files (JGit's are
     * signed). A class-data archive never holds a signed jar's classes, and the JVM checks a
     * signed jar's signature and digests every class it loads from it: together most of the
     * time a short {@code repo add} spends before it reads its first commit. The jars' content is
     * what Maven downloaded and checked; the signatures add nothing on a class path.
     */
    static void dropSignatures(Path folder) throws IOException {
        List<Path> jars;
        try (Stream<Path> list = Files.list(folder)) {
            jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            if (!isSigned(jar)) {
                continue;
            }
            Path unsigned = jar.resolveSibling(jar.getFileName() + ".unsigned");
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
                 java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(unsigned))) {
                for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (isSignatureFile(entry.getName())) {
                        continue;
                    }
                    java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            Files.move(unsigned, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isSigned(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), false)) {
            return file.stream().anyMatch(e -> isSignatureFile(e.getName()));
        }
    }

    private static boolean isSignatureFile(String name) {
        if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                || upper.startsWith("META-INF/SIG-");
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
