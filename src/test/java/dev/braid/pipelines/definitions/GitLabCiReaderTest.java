package dev.braid.pipelines.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitLabCiReaderTest {
    private static DefinitionDag read(Map<String, String> files) throws Exception {
        MapTreeFiles tree = new MapTreeFiles(files);
        return GitLabCiReader.read(tree, ".gitlab-ci.yml", tree.read(".gitlab-ci.yml").orElseThrow());
    }

    private static List<String> ids(DefinitionDag dag) {
        return dag.jobs().stream().map(DefinedJob::id).toList();
    }

    @Test
    void jobsWithoutNeedsWaitForTheEarlierStages() throws Exception {
        DefinitionDag dag = read(Map.of(".gitlab-ci.yml", """
                stages: [build, test, deploy]
                compile:
                  stage: build
                  script: make
                lint:
                  stage: build
                  script: make lint
                unit:
                  stage: test
                  script: make test
                ship:
                  stage: deploy
                  script: make ship
                  when: manual
                """));
        assertEquals(List.of("compile", "lint", "unit", "ship"), ids(dag));
        assertEquals(List.of("build", "test", "deploy"), dag.stages());
        assertEquals(List.of("compile", "lint"), dag.job("unit").orElseThrow().needs());
        assertEquals(List.of("unit"), dag.job("ship").orElseThrow().needs());
        assertEquals("manual", dag.job("ship").orElseThrow().attribute("when"));
        assertTrue(dag.edges().stream().allMatch(e -> e.kind() == DefinedEdge.Kind.ORDER));
        assertTrue(dag.complete(), dag.notes().toString());
    }

    @Test
    void needsAnchorsExtendsReferencesIncludesAndMatrices() throws Exception {
        DefinitionDag dag = read(Map.of(".gitlab-ci.yml", """
                include:
                  - local: ci/templates.yml
                  - remote: https://example.org/ci.yml
                  - template: Security/SAST.gitlab-ci.yml
                stages: [build, test, deploy]
                .defaults: &defaults
                  image: python:3.12
                  tags: [docker]
                build:
                  <<: *defaults
                  stage: build
                  script: [!reference [.setup, script], make]
                test:
                  extends: .tested
                  parallel:
                    matrix:
                      - PY: ["3.11", "3.12"]
                        DB: [pg]
                  needs: [build]
                shard:
                  stage: test
                  parallel: 3
                  needs: []
                deploy:
                  stage: deploy
                  needs:
                    - job: test
                      parallel:
                        matrix:
                          - PY: "3.12"
                            DB: pg
                    - job: shard
                    - job: maybe
                      optional: true
                    - project: group/other
                      job: package
                      ref: main
                  rules:
                    - if: $CI_COMMIT_BRANCH == "main"
                """, "ci/templates.yml", """
                .setup:
                  script: [pip install -r requirements.txt]
                .tested:
                  stage: test
                  image: python:3.11
                  script: pytest
                """));
        assertEquals(List.of("build", "test: [3.11, pg]", "test: [3.12, pg]", "shard 1/3", "shard 2/3", "shard 3/3", "deploy"),
                ids(dag));
        assertEquals("python:3.12", dag.job("build").orElseThrow().attribute("image"));
        assertEquals("python:3.11", dag.job("test: [3.11, pg]").orElseThrow().attribute("image"));
        assertEquals("test", dag.job("test: [3.11, pg]").orElseThrow().group());
        assertEquals(List.of("build"), dag.job("test: [3.12, pg]").orElseThrow().needs());
        assertEquals(List.of(), dag.job("shard 2/3").orElseThrow().needs());
        assertEquals(List.of("test: [3.12, pg]", "shard 1/3", "shard 2/3", "shard 3/3"), dag.job("deploy").orElseThrow().needs());
        assertEquals("1 rules", dag.job("deploy").orElseThrow().attribute("rules"));
        assertEquals(3, dag.notes().size(), dag.notes().toString());
        assertTrue(dag.notes().stream().anyMatch(n -> n.contains("https://example.org/ci.yml")));
        assertTrue(dag.notes().stream().anyMatch(n -> n.contains("Security/SAST")));
        assertTrue(dag.notes().stream().anyMatch(n -> n.contains("group/other")));
    }

    @Test
    void brokenFilesBecomeNotesNotFailures() throws Exception {
        DefinitionDag broken = read(Map.of(".gitlab-ci.yml", "stages: [build\njob: {"));
        assertTrue(broken.jobs().isEmpty());
        assertEquals(1, broken.notes().size());
        DefinitionDag missing = read(Map.of(".gitlab-ci.yml", """
                include: {local: nowhere.yml}
                a:
                  script: x
                  extends: .ghost
                  needs: [b]
                """));
        assertEquals(List.of("a"), ids(missing));
        assertEquals(3, missing.notes().size(), missing.notes().toString());
    }

    @Test
    void aliasBombsAreRefusedWithAReason() throws Exception {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        DefinitionDag dag = read(Map.of(".gitlab-ci.yml", yaml.toString()));
        assertEquals(1, dag.notes().size());
        assertTrue(dag.notes().get(0).contains("expand"), dag.notes().get(0));
    }
}
