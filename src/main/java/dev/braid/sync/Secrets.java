package dev.braid.sync;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The secrets Braid has read (tokens and passwords from environment variables), and the one place
 * that masks them, by value, in any text that leaves Braid: messages, the sync log, JSON output,
 * log files. Masking by value catches what patterns cannot: a server that echoes a token back in
 * an error page, a password inside a URL it reports. One instance per process, shared by every
 * client; thread-safe.
 *
 * <p>A client registers each secret as it reads it:
 * <pre>{@code
 * String token = secrets.fromEnvironment(env, source.config("token_env"));   // registered
 * ...
 * throw new SyncFailure(secrets.mask("Airflow said: " + body), null);        // masked
 * }</pre>
 * and {@link #registerNamedIn} registers, at start-up, the values of every variable a source's
 * configuration names as a secret, so that a process which never uses them (say, {@code braid
 * status}) still masks them. Values shorter than {@link #MIN_LENGTH} characters are not masked:
 * they would hide ordinary words, and give away little.
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** The shortest value that is masked. */
    public static final int MIN_LENGTH = 6;
    /**
     * Configuration keys that name an environment variable holding a secret: {@code token_env},
     * {@code password_env}, {@code passwordEnv}, {@code api_key_env}... (not {@code username_env}).
     */
    private static final Pattern SECRET_VARIABLE_KEY = Pattern.compile(
            "(?i).*(token|password|passwd|secret|api[_-]?key|credential).*env.*");
    private final Set<String> values = ConcurrentHashMap.newKeySet();

    /**
     * Registers {@code value} and the forms it takes on the wire (URL-encoded, Base64,
     * JSON-escaped), so that each is masked. Null and short values are ignored.
     */
    public void register(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return;
        }
        values.add(value);
        values.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        values.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        values.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    /**
     * Registers the secret a client sends as HTTP basic authentication: the password, and the
     * Base64 of {@code user:password} that travels in the header.
     */
    public void registerBasic(String user, String password) {
        register(password);
        if (password != null && password.length() >= MIN_LENGTH) {
            values.add(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The value of {@code variable} in {@code env} (null when unset), registered as a secret. */
    public String fromEnvironment(Map<String, String> env, String variable) {
        if (variable == null) {
            return null;
        }
        String value = env.get(variable);
        register(value);
        return value;
    }

    /**
     * Registers the values of the variables a source configuration names as secrets (keys such
     * as {@code token_env} or {@code passwordEnv}; see the class comment).
     */
    public void registerNamedIn(Map<String, String> config, Map<String, String> env) {
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (entry.getValue() != null && SECRET_VARIABLE_KEY.matcher(entry.getKey()).matches()) {
                register(env.get(entry.getValue().strip()));
            }
        }
    }

    /** Whether {@code key} names an environment variable holding a secret. */
    public static boolean namesSecretVariable(String key) {
        return SECRET_VARIABLE_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** {@code text} with every registered secret replaced by {@value #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        String result = text;
        // Longest first, so that a secret containing another is masked whole.
        List<String> known = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : known) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /** Whether any secret is registered. */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
