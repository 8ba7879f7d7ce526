package dev.braid.experiments;

import dev.braid.sync.Secrets;
import dev.braid.sync.Source;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How Braid authenticates to an MLflow server: not at all, HTTP basic (user name in the source's
 * configuration, password in an environment variable) or a bearer token in an environment
 * variable. Only the variables' names are stored; secrets are read when a request is made.
 */
record MlflowAuth(String username, String passwordEnv, String tokenEnv) {
    static final String USERNAME = "username";
    static final String PASSWORD_ENV = "password_env";
    static final String TOKEN_ENV = "token_env";

    static MlflowAuth of(Source source) {
        return new MlflowAuth(blankToNull(source.config(USERNAME)), blankToNull(source.config(PASSWORD_ENV)),
                blankToNull(source.config(TOKEN_ENV)));
    }

    /** The Authorization header value, if any; fails when a named variable is not set. */
    Optional<String> header(Map<String, String> env) throws MlflowException {
        return header(env, new Secrets());
    }

    /** The same, registering the token or password in {@code secrets} (as sent: the basic pair too). */
    Optional<String> header(Map<String, String> env, Secrets secrets) throws MlflowException {
        if (tokenEnv != null) {
            String token = required(env, tokenEnv, "the bearer token");
            secrets.register(token);
            return Optional.of("Bearer " + token);
        }
        if (username != null) {
            String password = passwordEnv == null ? "" : required(env, passwordEnv, "the password of " + username);
            secrets.registerBasic(username, password);
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /** Words for messages: which credentials were sent, never their values. */
    String describe() {
        if (tokenEnv != null) {
            return "the bearer token from $" + tokenEnv;
        }
        if (username != null) {
            return "user " + username + (passwordEnv == null ? " without a password" : " with the password from $" + passwordEnv);
        }
        return "no credentials";
    }

    private static String required(Map<String, String> env, String variable, String what) throws MlflowException {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw MlflowException.permanent("the environment variable " + variable + " that should hold " + what
                    + " is not set", null);
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
