package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every launcher starts the JVM alike: './mvnw javafx:run' lists the options installer/java-options.txt holds. */
class LauncherOptionsTest {
    @Test
    void javafxRunUsesTheLaunchersOptions() throws Exception {
        List<String> file = Files.readAllLines(Path.of("installer/java-options.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        String pom = Files.readString(Path.of("pom.xml"));
        int plugin = pom.indexOf("<artifactId>javafx-maven-plugin</artifactId>");
        String options = pom.substring(pom.indexOf("<options>", plugin), pom.indexOf("</options>", plugin));
        List<String> fromPom = new ArrayList<>();
        Matcher option = Pattern.compile("<option>([^<]*)</option>").matcher(options);
        while (option.find()) {
            fromPom.add(option.group(1).strip());
        }
        assertEquals(file, fromPom);
    }

    @Test
    void theLaunchersCapTheHeap() throws Exception {
        List<String> file = Files.readAllLines(Path.of("installer/java-options.txt"));
        assertTrue(file.stream().anyMatch(line -> line.strip().startsWith("-Xmx")), "a heap limit");
    }
}
