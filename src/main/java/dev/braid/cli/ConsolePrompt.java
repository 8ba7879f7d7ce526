package dev.braid.cli;

import dev.braid.repos.CredentialPrompt;
import java.io.Console;
import java.util.Optional;

/**
 * Asks at the terminal for credentials nothing else had. Without a terminal (scripts, CI) it
 * never asks, so a job fails with a clear message instead of hanging.
 */
final class ConsolePrompt implements CredentialPrompt {
    private final Console console;

    ConsolePrompt(Console console) {
        this.console = console;
    }

    @Override
    public Optional<Credentials> ask(String url, String reason) {
        if (console == null) {
            return Optional.empty();
        }
        console.printf("%s: %s%n", url, reason);
        String user = console.readLine("User name: ");
        if (user == null) {
            return Optional.empty();
        }
        char[] password = console.readPassword("Password or token: ");
        return password == null ? Optional.empty() : Optional.of(new Credentials(user, password));
    }
}
