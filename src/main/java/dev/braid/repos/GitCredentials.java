package dev.braid.repos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.NetRCCredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Finds credentials for a git remote without ever storing them: first the environment variables
 * the source's configuration names ({@code usernameEnv}, {@code passwordEnv}), then
 * {@code ~/.netrc}, then git's own credential helpers ({@code git credential fill}, no prompt), and
 * last the person at the keyboard through a {@link CredentialPrompt}.
 */
final class GitCredentials extends CredentialsProvider {
    private final Map<String, String> config;
    private final Map<String, String> env;
    private final CredentialPrompt prompt;
    private final NetRCCredentialsProvider netrc = new NetRCCredentialsProvider();

    GitCredentials(Map<String, String> config, Map<String, String> env, CredentialPrompt prompt) {
        this.config = config;
        this.env = env;
        this.prompt = prompt;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username || item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        Map<String, String> found = fromEnvironment();
        if (found == null && netrc.get(uri, items)) {
            return true;
        }
        if (found == null) {
            found = fromGitHelper(uri);
        }
        if (found == null) {
            found = prompt.ask(uri.toString(), "the remote asks for a user name and password or token")
                    .map(answer -> {
                        Map<String, String> typed = new HashMap<>();
                        typed.put("username", answer.username());
                        typed.put("password", new String(answer.password()));
                        return typed;
                    }).orElse(null);
        }
        if (found == null) {
            return false;
        }
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username u) {
                u.setValue(found.get("username"));
            } else if (item instanceof CredentialItem.Password p) {
                String password = found.get("password");
                p.setValue(password == null ? null : password.toCharArray());
            } else {
                throw new UnsupportedCredentialItem(uri, item.getPromptText());
            }
        }
        return true;
    }

    private Map<String, String> fromEnvironment() {
        String password = value(config.get("passwordEnv"));
        if (password == null) {
            return null;
        }
        String username = value(config.get("usernameEnv"));
        Map<String, String> out = new HashMap<>();
        out.put("username", username == null ? "git" : username);
        out.put("password", password);
        return out;
    }

    private String value(String variable) {
        if (variable == null || variable.isBlank()) {
            return null;
        }
        String value = env.get(variable);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Asks git's configured credential helpers; returns null when git is absent or has nothing. */
    private Map<String, String> fromGitHelper(URIish uri) {
        if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            return null;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder("git", "credential", "fill");
            builder.environment().put("GIT_TERMINAL_PROMPT", "0");
            builder.environment().remove("GIT_ASKPASS");
            builder.environment().remove("SSH_ASKPASS");
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                String request = "protocol=" + uri.getScheme() + "\nhost=" + uri.getHost()
                        + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "\npath=" + uri.getPath().replaceFirst("^/", "")
                        + "\n\n";
                in.write(request.getBytes(StandardCharsets.UTF_8));
            }
            String answer;
            try (InputStream out = process.getInputStream()) {
                answer = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            Map<String, String> fields = new HashMap<>();
            for (String line : answer.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            String password = fields.get("password");
            return password == null || password.isEmpty() ? null : fields;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
