package dev.braid.repos;

import java.util.Optional;

/**
 * Asks the person at the keyboard for credentials when no helper, {@code ~/.netrc} or environment
 * variable had them. Answers are used for one operation and never stored.
 */
@FunctionalInterface
public interface CredentialPrompt {
    /** Never asks: for scripts, CI and tests. */
    CredentialPrompt NONE = (url, reason) -> Optional.empty();

    /** Returns the user's answer, or empty when they declined or nobody can be asked. */
    Optional<Credentials> ask(String url, String reason);

    /** A user name and a password or token. */
    record Credentials(String username, char[] password) {
    }
}
