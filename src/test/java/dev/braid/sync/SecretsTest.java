package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reusable pieces every HTTP source uses: secrets masked by value, the paging guard, the capped stream. */
class SecretsTest {
    @Test
    void aSecretIsMaskedAsItIsAndAsItTravels() {
        Secrets secrets = new Secrets();
        String token = "ghp_a1B2c3D4/e5+F6=";
        assertEquals(token, secrets.fromEnvironment(Map.of("GH_TOKEN", token), "GH_TOKEN"));
        assertEquals("token *** rejected", secrets.mask("token " + token + " rejected"));
        assertEquals("?t=***", secrets.mask("?t=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));
        assertEquals("b64 ***", secrets.mask("b64 " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))));
        assertNull(secrets.mask(null));
    }

    @Test
    void theBasicPairIsMaskedAndShortValuesAreNot() {
        Secrets secrets = new Secrets();
        secrets.registerBasic("alice", "correct-horse");
        String header = Base64.getEncoder().encodeToString("alice:correct-horse".getBytes(StandardCharsets.UTF_8));
        assertEquals("Authorization: Basic ***", secrets.mask("Authorization: Basic " + header));
        secrets.register("abc");
        assertEquals("abc is a word", secrets.mask("abc is a word"));
    }

    @Test
    void variablesASourceNamesAsSecretsAreRegistered() {
        Secrets secrets = new Secrets();
        secrets.registerNamedIn(Map.of("token_env", "T", "passwordEnv", "P", "usernameEnv", "U", "url", "https://x"),
                Map.of("T", "token-value-1", "P", "password-value-2", "U", "alice-the-user"));
        String text = secrets.mask("token-value-1 password-value-2 alice-the-user");
        assertEquals("*** *** alice-the-user", text);
        assertTrue(Secrets.namesSecretVariable("api_key_env"));
        assertFalse(Secrets.namesSecretVariable("username_env"));
    }

    @Test
    void thePagingGuardEndsOnABlankTokenAndRefusesARepeat() {
        PagingGuard guard = new PagingGuard("CI pipelines of acme/fraud", 100);
        assertEquals("a", guard.next("a"));
        assertEquals("b", guard.next("b"));
        MisbehavingRemoteException repeat = assertThrows(MisbehavingRemoteException.class, () -> guard.next("a"));
        assertTrue(repeat.getMessage().startsWith("CI pipelines of acme/fraud handed out the page token \"a\" a second time"),
                repeat.getMessage());
        assertNull(new PagingGuard("x", 5).next(""));
        assertNull(new PagingGuard("x", 5).next(null));
    }

    @Test
    void aLimitedStreamStopsAtItsCap() throws Exception {
        InputStream in = CappedBody.limited(new ByteArrayInputStream(new byte[5_000]), 4_096, "Jenkins at http://ci/");
        BodyTooLargeException tooLarge = assertThrows(BodyTooLargeException.class, in::readAllBytes);
        assertTrue(tooLarge.getMessage().startsWith("Jenkins at http://ci/ sent more than 4096 bytes"), tooLarge.getMessage());
        assertEquals(10, CappedBody.limited(new ByteArrayInputStream(new byte[10]), 10, "x").readAllBytes().length);
    }
}
