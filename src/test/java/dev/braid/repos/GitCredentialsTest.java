package dev.braid.repos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {
    private final URIish uri = uri("https://git.example.invalid/team/project.git");

    private static URIish uri(String text) {
        try {
            return new URIish(text);
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void takesTheSecretFromTheVariableTheSourceNames() {
        GitCredentials credentials = new GitCredentials(Map.of("usernameEnv", "CI_USER", "passwordEnv", "CI_TOKEN"),
                Map.of("CI_USER", "builder", "CI_TOKEN", "s3cret"), CredentialPrompt.NONE);
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();

        assertTrue(credentials.get(uri, user, password));
        assertEquals("builder", user.getValue());
        assertArrayEquals("s3cret".toCharArray(), password.getValue());
    }

    @Test
    void asksThePersonLastAndOnlyWhenNothingElseHadAnswers() {
        List<String> asked = new ArrayList<>();
        CredentialPrompt prompt = (url, reason) -> {
            asked.add(url);
            return Optional.of(new CredentialPrompt.Credentials("ada", "typed".toCharArray()));
        };
        GitCredentials credentials = new GitCredentials(Map.of("passwordEnv", "UNSET_VARIABLE"), Map.of(), prompt);
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();

        assertTrue(credentials.get(uri, user, password));
        assertEquals(List.of(uri.toString()), asked);
        assertEquals("ada", user.getValue());
    }

    @Test
    void saysNoWhenNobodyAnswers() {
        GitCredentials credentials = new GitCredentials(Map.of(), Map.of(), CredentialPrompt.NONE);
        assertFalse(credentials.get(uri, new CredentialItem.Username(), new CredentialItem.Password()));
    }
}
