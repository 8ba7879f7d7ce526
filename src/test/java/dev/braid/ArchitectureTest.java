package dev.braid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DEVELOPERS.md, checked on the source files themselves:
 * {@code ui → feature service → store}, no JavaFX below the presentation layer, one door to the
 * JavaFX thread, view models without nodes, and no mutable static state.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/braid");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern MUTABLE_STATIC = Pattern.compile(
            "^\\s*(?:(?:private|public|protected)\\s+)?static\\s+(?!final\\b)(?!class\\b)(?!record\\b)(?!enum\\b)"
                    + "(?!interface\\b)(?!<)[\\w<>\\[\\], ?]+\\s+\\w+\\s*(=|;)", Pattern.MULTILINE);
    private static final Set<String> UI_TOOLKITS = Set.of("javafx.", "org.controlsfx.", "atlantafx.", "org.kordamp.ikonli.");
    /** Features: services and records at the root, presentation in {@code <feature>/ui}. */
    private static final Set<String> FEATURES = Set.of("artifacts", "repos", "experiments", "features", "pipelines", "lineage",
            "security", "demo");

    record SourceFile(Path path, String packageName, String text, List<String> imports) {
        boolean inPackage(String prefix) {
            return packageName.equals(prefix) || packageName.startsWith(prefix + ".");
        }
    }

    static List<SourceFile> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(ArchitectureTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFile read(Path path) {
        try {
            String text = Files.readString(path);
            String pkg = MAIN.relativize(path.getParent()).toString().replace('/', '.');
            List<String> imports = new ArrayList<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                imports.add(m.group(2));
            }
            return new SourceFile(path, pkg, text, imports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isToolkit(String imported) {
        return UI_TOOLKITS.stream().anyMatch(imported::startsWith);
    }

    private static boolean isPresentation(SourceFile file) {
        return file.inPackage("ui") || file.inPackage("shell") || file.packageName().endsWith(".ui")
                || file.packageName().contains(".ui.") || file.path().endsWith("app/BraidApp.java");
    }

    @Test
    void theSourceTreeIsWhereTheTestLooks() {
        assertTrue(sources().size() > 20, "found the main sources under " + MAIN.toAbsolutePath());
    }

    @Test
    void onlyThePresentationLayerUsesTheUiToolkit() {
        List<String> broken = new ArrayList<>();
        for (SourceFile file : sources()) {
            if (isPresentation(file) || file.path().endsWith("app/GuiLauncher.java")) {
                continue;
            }
            file.imports().stream().filter(ArchitectureTest::isToolkit)
                    .forEach(i -> broken.add(file.path() + " imports " + i));
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void storeAndSyncDependOnNothingAboveThem() {
        List<String> broken = new ArrayList<>();
        for (SourceFile file : sources()) {
            for (String imported : file.imports()) {
                if (!imported.startsWith("dev.braid.")) {
                    continue;
                }
                String target = imported.substring("dev.braid.".length());
                boolean allowed = file.inPackage("store") ? target.startsWith("store.")
                        : !file.inPackage("sync") || target.startsWith("store.") || target.startsWith("sync.");
                if (!allowed) {
                    broken.add(file.path() + " imports " + imported);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void featureServicesNeverReachUpIntoPresentationOrWiring() {
        List<String> broken = new ArrayList<>();
        for (SourceFile file : sources()) {
            String top = file.packageName().split("\\.")[0];
            if (!FEATURES.contains(top) || isPresentation(file)) {
                continue;
            }
            for (String imported : file.imports()) {
                if (imported.startsWith("dev.braid.ui.") || imported.startsWith("dev.braid.shell.")
                        || imported.startsWith("dev.braid.app.") || imported.startsWith("dev.braid.cli.")
                        || imported.matches("dev\\.braid\\.\\w+\\.ui\\..*")) {
                    broken.add(file.path() + " imports " + imported);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theCommandLineNeverTouchesTheToolkit() {
        List<String> broken = new ArrayList<>();
        for (SourceFile file : sources()) {
            if (file.inPackage("cli")) {
                file.imports().stream().filter(i -> isToolkit(i) || i.startsWith("dev.braid.ui.")
                        || i.startsWith("dev.braid.shell.") || i.matches("dev\\.braid\\.\\w+\\.ui\\..*"))
                        .forEach(i -> broken.add(file.path() + " imports " + i));
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void onlyTheTaskRunnerTouchesTheFxThread() {
        List<String> broken = sources().stream()
                .filter(f -> f.text().contains("Platform.runLater") && !f.path().endsWith("ui/FxTaskRunner.java"))
                .map(f -> f.path().toString()).toList();
        assertEquals(List.of(), broken);
    }

    @Test
    void viewModelsHoldNoNodes() {
        List<String> broken = new ArrayList<>();
        for (SourceFile file : sources()) {
            if (file.path().getFileName().toString().endsWith("ViewModel.java")) {
                file.imports().stream().filter(i -> i.startsWith("javafx.scene") || i.startsWith("org.controlsfx")
                        || i.startsWith("atlantafx")).forEach(i -> broken.add(file.path() + " imports " + i));
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyViewHasAViewModelOfTheSameStem() {
        List<String> missing = new ArrayList<>();
        for (SourceFile file : sources()) {
            String name = file.path().getFileName().toString();
            if (name.endsWith("View.java") && isPresentation(file)) {
                Path model = file.path().resolveSibling(name.replace("View.java", "ViewModel.java"));
                if (!Files.exists(model)) {
                    missing.add(file.path() + " has no " + model.getFileName());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void thereIsNoMutableStaticState() {
        List<String> broken = new ArrayList<>();
        for (SourceFile file : sources()) {
            Matcher m = MUTABLE_STATIC.matcher(file.text());
            while (m.find()) {
                broken.add(file.path() + ": " + m.group().strip());
            }
        }
        assertEquals(List.of(), broken);
    }
}
