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

    /**
     * What a source logs in with, read from its configuration, the environment and {@code ~/.netrc}
     * (see the class comment) before any service puts it in its header: a token, a user and password
     * (from {@code netrc} when {@code fromNetrc}), or nothing. {@code words} say where it came from.
     */
    public record Login(String token, String user, String password, String words, boolean fromNetrc) {
        static Login none() {
            return new Login(null, null, null, "no credentials", false);
        }

        public boolean isToken() {
            return token != null;
        }

        public boolean isNone() {
            return token == null && user == null;
        }
    }

    /** What {@code source} names to log in to {@code host} with, read from {@code env} and ~/.netrc now. */
    public static Login login(Source source, String host, Map<String, String> env) throws PipelineException {
        String tokenEnv = blank(source.config(TOKEN_ENV));
        if (tokenEnv != null) {
            return new Login(required(env, tokenEnv, "the token"), null, null, "the token from $" + tokenEnv, false);
        }
        String username = blank(source.config(USERNAME));
        if (username != null) {
            String passwordEnv = blank(source.config(PASSWORD_ENV));
            String password = passwordEnv == null ? "" : required(env, passwordEnv, "the password of " + username);
            return new Login(null, username, password, "user " + username + (passwordEnv == null ? ""
                    : " with the password from $" + passwordEnv), false);
        }
        NetRC.NetRCEntry entry = netrc(env).map(n -> n.getEntry(host)).orElse(null);
        if (entry == null || entry.password == null) {
            return Login.none();
        }
        return new Login(null, entry.login == null ? "" : entry.login, new String(entry.password),
                "the ~/.netrc entry for " + host, true);
    }

    /** The credentials {@code source} names (see the class comment), read from {@code env} and ~/.netrc now. */
    public static Credentials resolve(String kind, Source source, URI base, Map<String, String> env) throws PipelineException {
        Login login = login(source, base.getHost(), env);
        if (login.isNone()) {
            return Credentials.none();
        }
        if (login.isToken()) {
            return token(kind, source, login.token(), login.words());
        }
        if (login.fromNetrc() && !kind.equals("jenkins")) {
            // A ~/.netrc password is the service's token, except for Jenkins, whose API takes user and token.
            return token(kind, source, login.password(), login.words());
        }
        return basic(login.user(), login.password(), login.words());
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
