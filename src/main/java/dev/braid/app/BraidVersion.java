package dev.braid.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build of Braid was made as, from the Maven-filtered {@code version.properties}. */
public final class BraidVersion {
    private static final String RESOURCE = "/dev/braid/app/version.properties";

    private BraidVersion() {
    }

    /** The version, such as {@code 0.1.0}, or {@code unknown} when the resource is missing. */
    public static String current() {
        try (InputStream in = BraidVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            // An unfiltered resource (IDE run without Maven) still says ${project.version}.
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
