package dev.braid.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogRedactorTest {
    @Test
    void masksUserInfoInUrls() {
        assertEquals("cloning https://***@git.example.com/team/app.git",
                LogRedactor.redact("cloning https://bob:s3cret@git.example.com/team/app.git"));
    }

    @Test
    void masksAuthorizationValues() {
        assertEquals("header Authorization: Bearer ***",
                LogRedactor.redact("header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def"));
    }

    @Test
    void masksSecretLookingKeyValuePairs() {
        assertEquals("MLFLOW_TRACKING_TOKEN=*** user=ada password: *** api_key=***",
                LogRedactor.redact("MLFLOW_TRACKING_TOKEN=abc123 user=ada password: hunter2 api_key=\"k-1\""));
    }

    @Test
    void masksBasicCredentials() {
        assertEquals("Authorization: Basic ***", LogRedactor.redact("Authorization: Basic YWRhOmh1bnRlcjI="));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "sync of app succeeded: 12 added, https://example.com/team/app.git, /home/ada/src,"
                + " basic authentication was refused";
        assertEquals(text, LogRedactor.redact(text));
    }
}
