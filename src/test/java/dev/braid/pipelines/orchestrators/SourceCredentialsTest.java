package dev.braid.pipelines.orchestrators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.pipelines.PipelineException;
import dev.braid.pipelines.ci.CiAuth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI and orchestrator sources read their credentials the same way ({@link CiAuth#login}): a token
 * from the variable {@code token_env} names, else {@code username} with the password from
 * {@code password_env}, else the {@code ~/.netrc} entry for the host; each service then puts them in
 * its own header (a GitLab token, Jenkins and Airflow 2 basic authentication, a bearer token).
 */
class SourceCredentialsTest {
    private static final URI SERVER = URI.create("http://ci.example.org:8080/");

    @TempDir
    Path home;

    private static dev.braid.sync.Source source(String kind, Map<String, String> config) {
        return new dev.braid.sync.Source(1, kind, "s", config, Instant.EPOCH);
    }

    private Map<String, String> netrc() throws Exception {
        Files.writeString(home.resolve(".netrc"), "machine ci.example.org login ada password s3cret\n");
        return Map.of("HOME", home.toString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenFromTheEnvironmentGoesInEachServicesHeader() throws Exception {
        Map<String, String> env = Map.of("TOK", "t0ken");
        dev.braid.sync.Source gitlab = source("gitlab", Map.of("token_env", "TOK"));
        assertEquals(Map.of("PRIVATE-TOKEN", "t0ken"), CiAuth.resolve("gitlab", gitlab, SERVER, env).headers());
        dev.braid.sync.Source airflow = source("airflow", Map.of("token_env", "TOK"));
        CiAuth.Credentials credentials = AirflowLogin.credentials(AirflowApi.V1, airflow, SERVER, env, Duration.ofSeconds(1));
        assertEquals(Map.of("Authorization", "Bearer t0ken"), credentials.headers());
        assertEquals("the token from $TOK", credentials.words());
    }

    @Test
    void aUserWithAPasswordFromTheEnvironmentIsBasicAuthentication() throws Exception {
        Map<String, String> env = Map.of("PW", "pa55");
        Map<String, String> config = Map.of("username", "bob", "password_env", "PW");
        assertEquals(basic("bob", "pa55"), CiAuth.resolve("jenkins", source("jenkins", config), SERVER, env).headers()
                .get("Authorization"));
        CiAuth.Credentials airflow2 = AirflowLogin.credentials(AirflowApi.V1, source("airflow", config), SERVER, env,
                Duration.ofSeconds(1));
        assertEquals(basic("bob", "pa55"), airflow2.headers().get("Authorization"));
        assertTrue(airflow2.secrets().contains("pa55"), "the password is masked in messages");
    }

    @Test
    void withoutSettingsTheNetrcEntryForTheHostIsUsedAsEachServiceTakesIt() throws Exception {
        Map<String, String> env = netrc();
        assertEquals(Map.of("PRIVATE-TOKEN", "s3cret"), CiAuth.resolve("gitlab", source("gitlab", Map.of()), SERVER, env).headers());
        assertEquals(basic("ada", "s3cret"), CiAuth.resolve("jenkins", source("jenkins", Map.of()), SERVER, env).headers()
                .get("Authorization"));
        CiAuth.Credentials airflow2 = AirflowLogin.credentials(AirflowApi.V1, source("airflow", Map.of()), SERVER, env,
                Duration.ofSeconds(1));
        assertEquals(basic("ada", "s3cret"), airflow2.headers().get("Authorization"));
        assertEquals("the ~/.netrc entry for ci.example.org", airflow2.words());
        assertEquals(Map.of(), CiAuth.resolve("gitlab", source("gitlab", Map.of()), URI.create("http://elsewhere.org/"), env)
                .headers(), "no entry for another host: no credentials");
    }

    @Test
    void aNamedVariableThatIsNotSetIsAClearError() {
        PipelineException e = assertThrows(PipelineException.class, () -> AirflowLogin.credentials(AirflowApi.V1,
                source("airflow", Map.of("username", "bob", "password_env", "MISSING")), SERVER, Map.of(), Duration.ofSeconds(1)));
        assertEquals("the environment variable MISSING that should hold the password of bob is not set", e.getMessage());
    }
}
