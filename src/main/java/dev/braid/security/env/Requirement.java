package dev.braid.security.env;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package an environment needs: its normalised name (PEP 503: lower case, runs of
 * {@code -_.} as one {@code -}), the version it is pinned to ({@code ==} or a conda {@code =}),
 * or null when it is only constrained ({@code >=1.2}), and the specifier as written.
 */
public record Requirement(String name, String version, String spec) {
    private static final Pattern LINE = Pattern.compile(
            "^([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(\\[[^\\]]*\\])?\\s*(\\(?\\s*((===?|~=|!=|<=|>=|<|>|=)\\s*[^;#\\s)]+"
                    + "(\\s*,\\s*(===?|~=|!=|<=|>=|<|>)\\s*[^;#\\s,)]+)*)\\s*\\)?)?");
    private static final Pattern PINNED = Pattern.compile("^(===?|=)\\s*([^,;\\s*]+)$");

    /** PEP 503 normalised name. */
    public static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /**
     * A requirement from one line of a requirements file, a {@code pip install} argument or a
     * PEP 508 string ({@code numpy>=1.24; python_version<'3.12'}); null for lines that name no
     * package (options, paths, URLs, comments).
     */
    public static Requirement parse(String text) {
        String s = text.strip();
        int hash = s.indexOf(" #");
        if (hash >= 0) {
            s = s.substring(0, hash).strip();
        }
        if (s.isEmpty() || s.startsWith("#") || s.startsWith("-") || s.contains("://") || s.startsWith(".")
                || s.startsWith("/")) {
            return null;
        }
        Matcher m = LINE.matcher(s);
        if (!m.find()) {
            return null;
        }
        String spec = m.group(4) == null ? "" : m.group(4).replace(" ", "");
        Matcher pinned = PINNED.matcher(spec);
        return new Requirement(normalise(m.group(1)), pinned.find() ? pinned.group(2) : null, spec);
    }

    /** A conda dependency ({@code python=3.11}, {@code numpy=1.26.4=py311h…}, {@code conda-forge::pip}). */
    public static Requirement conda(String text) {
        String s = text.strip();
        if (s.contains("::")) {
            s = s.substring(s.indexOf("::") + 2);
        }
        String[] parts = s.split("\\s*=\\s*|\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return null;
        }
        if (s.matches("^[A-Za-z0-9._-]+\\s*(==|>=|<=|>|<|~=).*")) {
            return parse(s);
        }
        String version = parts.length > 1 && !parts[1].contains("*") ? parts[1] : null;
        return new Requirement(normalise(parts[0]), version, parts.length > 1 ? "=" + parts[1] : "");
    }
}
