package dev.braid.pipelines.ci;

import dev.braid.pipelines.PipelineException;
import dev.braid.sync.Source;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.NetRC;

/**
 * The credentials of a pipeline source, never stored: the source's configuration names the
 * environment variables that hold them ({@code token_env}, or {@code username} with
 * {@code password_env}); without those, the {@code ~/.netrc} entry for the server's host (the file
 * {@code $NETRC} names, else {@code ~/.netrc}); else none. Each service gets them in its own header.
 */
public final class CiAuth {
    public static final String TOKEN_ENV = "token_env";
    public static final String USERNAME = "username";
    public static final String PASSWORD_ENV = "password_env";
    /** GitLab only: "true" sends the token as an OAuth bearer token instead of a PRIVATE-TOKEN. */
    public static final String OAUTH = "oauth";

    /** The headers to send, words for messages, and the secret values to mask in anything shown. */
    public record Credentials(Map<String, String> headers, String words, List<String> secrets) {
        public static Credentials none() {
            return new Credentials(Map.of(), "no credentials", List.of());
        }

        /** A bearer token; {@code words} say where it came from, for messages. */
        public static Credentials bearer(String token, String words) {
            return new Credentials(Map.of("Authorization", "Bearer " + token), words, List.of(token));
        }

        /** These credentials with more secrets to mask (a password that was traded for a token). */
        public Credentials masking(List<String> more) {
            List<String> all = new ArrayList<>(secrets);
            all.addAll(more);
            return new Credentials(headers, words, all);
        }

        /** These credentials plus headers every request to the service carries (an API version, say). */
        public Credentials plus(Map<String, String> fixed) {
            Map<String, String> all = new LinkedHashMap<>(fixed);
            all.putAll(headers);
            return new Credentials(all, words, secrets);
        }

        public boolean present() {
            return !secrets.isEmpty();
        }
    }

    private CiAuth() {
    }

    /** The credentials {@code source} names (see the class comment), read from {@code env} and ~/.netrc now. */
    public static Credentials resolve(String kind, Source source, URI base, Map<String, String> env) throws PipelineException {
        String tokenEnv = blank(source.config(TOKEN_ENV));
        String username = blank(source.config(USERNAME));
        String passwordEnv = blank(source.config(PASSWORD_ENV));
        if (tokenEnv != null) {
            String token = required(env, tokenEnv, "the token");
            return token(kind, source, token, "the token from $" + tokenEnv);
        }
        if (username != null) {
            String password = passwordEnv == null ? "" : required(env, passwordEnv, "the password of " + username);
            return basic(username, password, "user " + username + (passwordEnv == null ? "" : " with the password from $"
                    + passwordEnv));
        }
        NetRC.NetRCEntry entry = netrc(env).map(n -> n.getEntry(base.getHost())).orElse(null);
        if (entry == null || entry.password == null) {
            return Credentials.none();
        }
        String password = new String(entry.password);
        String words = "the ~/.netrc entry for " + base.getHost();
        if (kind.equals("jenkins")) {
            return basic(entry.login == null ? "" : entry.login, password, words);
        }
        return token(kind, source, password, words);
    }

    private static Credentials token(String kind, Source source, String token, String words) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (kind) {
            case "gitlab" -> {
                if ("true".equalsIgnoreCase(source.config(OAUTH))) {
                    headers.put("Authorization", "Bearer " + token);
                } else {
                    headers.put("PRIVATE-TOKEN", token);
                }
            }
            case "circleci" -> headers.put("Circle-Token", token);
            case "jenkins" -> headers.put("Authorization", "Bearer " + token);
            default -> headers.put("Authorization", "Bearer " + token);
        }
        return new Credentials(headers, words, List.of(token));
    }

    /** HTTP basic authentication. */
    public static Credentials basic(String user, String password, String words) {
        String pair = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>();
        if (!password.isEmpty()) {
            secrets.add(password);
        }
        secrets.add(pair);
        return new Credentials(Map.of("Authorization", "Basic " + pair), words, secrets);
    }

    /** The login and password the {@code ~/.netrc} (or {@code $NETRC}) entry for {@code host} holds, if any. */
    public static java.util.Optional<String[]> netrcLogin(String host, Map<String, String> env) {
        NetRC.NetRCEntry entry = netrc(env).map(n -> n.getEntry(host)).orElse(null);
        if (entry == null || entry.password == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new String[] {entry.login == null ? "" : entry.login, new String(entry.password)});
    }

    private static java.util.Optional<NetRC> netrc(Map<String, String> env) {
        String named = env.get("NETRC");
        Path file = named != null && !named.isBlank() ? Path.of(named)
                : env.get("HOME") != null ? Path.of(env.get("HOME"), ".netrc") : null;
        if (file == null || !file.toFile().isFile()) {
            return java.util.Optional.empty();
        }
        File f = file.toFile();
        return java.util.Optional.of(new NetRC(f));
    }

    private static String required(Map<String, String> env, String variable, String what) throws PipelineException {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw PipelineException.permanent("the environment variable " + variable + " that should hold " + what
                    + " is not set", null);
        }
        return value;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
