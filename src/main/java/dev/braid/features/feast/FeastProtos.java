package dev.braid.features.feast;

/**
 * Where Braid's knowledge of Feast's registry format comes from: the Java generated at build time
 * from Feast's own {@code .proto} files in {@code src/main/protobuf/feast} (see the README there).
 */
public final class FeastProtos {
    /** The Feast release whose {@code .proto} files Braid is built from. */
    public static final String FEAST_VERSION = "0.67.0";
    /** The first Feast release that records feature-view versions in its registry. */
    public static final String FIRST_VERSIONED_RELEASE = "0.62.0";

    private FeastProtos() {
    }

    /** Whether {@code release} ({@code 0.67.0}, {@code 0.61.2rc1}) records feature-view versions; false when unreadable. */
    public static boolean recordsVersions(String release) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(release == null ? "" : release);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 0 || minor >= 62;
    }
}
