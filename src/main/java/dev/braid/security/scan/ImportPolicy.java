package dev.braid.security.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rates the globals a pickle imports, from the documented lists in {@code import-policy.txt}
 * (read its header for the rules) and the standard library's module names in
 * {@code stdlib-modules.txt}. An import on no list is never safe.
 */
public final class ImportPolicy {
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*");
    private static final Pattern CYTHON_UNPICKLE = Pattern.compile("__pyx_unpickle_[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern DUNDER = Pattern.compile("__\\w+__");
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private final Map<String, Rule> exact = new HashMap<>();
    private final Map<String, Rule> wildcard = new HashMap<>();
    private final Set<String> classNamespaces = new HashSet<>();
    private final Map<String, String> py2 = new HashMap<>();
    private final Set<String> stdlib = new HashSet<>();
    private final String version;

    /** A rating and the sentence that explains it. */
    public record Rated(Rating rating, String reason) {
    }

    private record Rule(Rating rating, String reason) {
    }

    private ImportPolicy(String policy, String stdlibNames) {
        parse(policy);
        for (String line : stdlibNames.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                stdlib.add(name);
            }
        }
        this.version = digest(policy + "\n" + stdlibNames);
    }

    /** The policy Braid ships. */
    public static ImportPolicy standard() {
        return new ImportPolicy(resource("import-policy.txt"), resource("stdlib-modules.txt"));
    }

    /** A short fingerprint of the lists: cached scan results made under another policy are scanned again. */
    public String version() {
        return version;
    }

    /**
     * Rates one import.
     *
     * @param called  the pickle calls it (REDUCE, INST, OBJ, NEWOBJ)
     * @param patched the pickle changes the imported object in place (BUILD, SETITEM, APPEND on it)
     */
    public Rated rate(String module, String name, boolean called, boolean patched) {
        String mappedModule = py2.getOrDefault(module, module);
        String qualified = mappedModule + "." + name;
        if (!MODULE_NAME.matcher(module).matches() || name.isEmpty()) {
            return new Rated(Rating.SUSPICIOUS, "'" + module + "' is not a module name Python could import");
        }
        if (patched) {
            return new Rated(Rating.DANGEROUS, "the pickle changes this imported object in place (monkey-patching)");
        }
        Rule exactRule = exact.get(qualified);
        if (exactRule != null) {
            return new Rated(exactRule.rating(), exactRule.reason());
        }
        for (String segment : name.split("\\.")) {
            if (DUNDER.matcher(segment).matches()) {
                return new Rated(Rating.DANGEROUS, "reaches " + segment + ", an interpreter internal"
                        + (name.contains(".") ? ", through an attribute chain" : ""));
            }
        }
        Rated listed = listed(qualified, name, called);
        if (listed.rating() != Rating.UNKNOWN) {
            return listed;
        }
        String top = mappedModule.contains(".") ? mappedModule.substring(0, mappedModule.indexOf('.')) : mappedModule;
        if (called && stdlib.contains(top)) {
            return new Rated(Rating.SUSPICIOUS, "calls a standard-library function that is on neither list");
        }
        if (called && name.contains(".")) {
            return new Rated(Rating.SUSPICIOUS, "calls a method reached through a dotted name that is on neither list");
        }
        return listed;
    }

    private Rated listed(String qualified, String name, boolean called) {
        Rule rule = exact.get(qualified);
        if (rule != null) {
            return new Rated(rule.rating(), rule.reason());
        }
        String prefix = qualified;
        while (prefix.contains(".")) {
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
            Rule wide = wildcard.get(prefix);
            if (wide != null) {
                return new Rated(wide.rating(), wide.reason());
            }
            if (classNamespaces.contains(prefix)) {
                boolean plain = !name.contains(".");
                if (plain && (CLASS_NAME.matcher(name).matches() || CYTHON_UNPICKLE.matcher(name).matches())) {
                    return new Rated(Rating.SAFE, "a class of " + prefix + ", a library on the allow list");
                }
                return new Rated(Rating.UNKNOWN, "in " + prefix + ", but not a class the allow list vouches for");
            }
        }
        return new Rated(Rating.UNKNOWN, "on neither the allow list nor the deny list");
    }

    private void parse(String policy) {
        String section = null;
        String reason = null;
        for (String raw : policy.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                int colon = line.indexOf(':');
                section = line.substring(3, colon < 0 ? line.length() : colon).strip();
                reason = colon < 0 ? "" : line.substring(colon + 1).strip();
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (section == null) {
                throw new IllegalStateException("import policy line outside a section: " + line);
            }
            List<String> words = List.of(line.split("\\s+"));
            switch (section) {
                case "classes" -> classNamespaces.addAll(words);
                case "py2" -> py2.put(words.get(0), words.get(1));
                default -> {
                    Rating rating = Rating.ofWord(section);
                    for (String pattern : words) {
                        add(pattern, new Rule(rating, reason));
                    }
                }
            }
        }
    }

    private void add(String pattern, Rule rule) {
        Map<String, Rule> target = pattern.endsWith(".*") ? wildcard : exact;
        String key = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        target.merge(key, rule, (a, b) -> a.rating().compareTo(b.rating()) >= 0 ? a : b);
    }

    private static String resource(String name) {
        try (InputStream in = ImportPolicy.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
