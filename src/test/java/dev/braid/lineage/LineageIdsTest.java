package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LineageIdsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://github.com/acme/fraud.git",
            "https://github.com/acme/fraud",
            "https://github.com/acme/fraud/",
            "HTTPS://GitHub.com/acme/fraud.git",
            "https://token@github.com/acme/fraud.git",
            "https://github.com:443/acme/fraud.git",
            "ssh://git@github.com/acme/fraud.git",
            "ssh://git@github.com:22/acme/fraud",
            "git@github.com:acme/fraud.git",
            "github.com:acme/fraud",
            "git://github.com/acme/fraud.git"})
    void everyAddressOfOneRemoteHasOneKey(String address) {
        assertEquals("github.com/acme/fraud", LineageIds.repoKey(address));
    }

    @Test
    void localRepositoriesAreNormalisedAbsoluteFolders() {
        assertEquals("/work/fraud", LineageIds.repoKey("/work/fraud/"));
        assertEquals("/work/fraud", LineageIds.repoKey("/work/fraud/.git"));
        assertEquals("/work/fraud", LineageIds.repoKey("file:///work/./fraud"));
        assertEquals("/work/fraud", LineageIds.repoKey("/work/other/../fraud"));
    }

    @Test
    void commitIdsJoinTheRepositoryKeyAndTheLowerCaseHash() {
        assertEquals("commit:github.com/acme/fraud:0123456789abcdef0123456789abcdef01234567",
                LineageIds.commit("git@github.com:acme/fraud.git", "0123456789ABCDEF0123456789abcdef01234567").value());
        assertEquals("commit:unknown:abcdef1", LineageIds.commitInUnknownRepository("abcdef1").value());
        assertThrows(IllegalArgumentException.class, () -> LineageIds.commit("/r", "not-a-hash"));
    }

    @Test
    void otherKinds() {
        assertEquals("repo:github.com/acme/fraud", LineageIds.repository("https://github.com/acme/fraud.git").value());
        assertEquals("job:pipelines:clean", LineageIds.job("pipelines", "clean").value());
        assertEquals("job-run:3f1c2b9e-8d4a-4b8e-9a57-6c1d2e3f4a5b",
                LineageIds.jobRun("3F1C2B9E-8D4A-4B8E-9A57-6C1D2E3F4A5B").value());
        assertEquals("mlflow-run:local:abc", LineageIds.mlflowRun("local", "abc").value());
        assertEquals("model-version:local:fraud/2", LineageIds.modelVersion("local", "fraud", "2").value());
        assertEquals("alias:local:fraud@champion", LineageIds.alias("local", "fraud", "champion").value());
        assertEquals("model:local:fraud", LineageIds.model("local", "fraud").value());
    }
}
