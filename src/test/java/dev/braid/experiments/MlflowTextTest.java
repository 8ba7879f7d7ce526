package dev.braid.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Names from an MLflow server that differ only in a lone surrogate stay two names. */
class MlflowTextTest {
    @Test
    void loneSurrogatesAreWrittenOutNotMergedIntoAQuestionMark() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String a = MlflowJson.model(1, json.readTree("{\"name\":\"churn\\ud800\"}")).name();
        String b = MlflowJson.model(1, json.readTree("{\"name\":\"churn\\udfff\"}")).name();
        assertEquals("churn\\ud800", a);
        assertNotEquals(a, b);
        assertEquals("ok 😀", MlflowJson.model(1, json.readTree("{\"name\":\"ok \\ud83d\\ude00\"}")).name());
    }
}
