package dev.braid.pipelines.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircleCiReaderTest {
    @Test
    void workflowsAreStagesAndRequiresAreEdges() throws Exception {
        String yaml = """
                version: 2.1
                orbs:
                  node: circleci/node@5
                jobs:
                  build: {docker: [{image: cimg/base:stable}], steps: [checkout]}
                  test:
                    parameters: {version: {type: string}}
                    docker: [{image: cimg/base:stable}]
                    steps: [checkout]
                  deploy: {docker: [{image: cimg/base:stable}], steps: [checkout]}
                workflows:
                  version: 2
                  main:
                    jobs:
                      - build
                      - test:
                          requires: [build]
                          matrix:
                            parameters:
                              version: ["18", "20"]
                      - hold:
                          type: approval
                          requires: [test]
                      - deploy:
                          name: deploy-prod
                          requires: [hold]
                          context: prod
                      - node/test
                  nightly:
                    triggers: [{schedule: {cron: "0 0 * * *", filters: {branches: {only: [main]}}}}]
                    jobs: [build]
                """;
        MapTreeFiles files = new MapTreeFiles(Map.of(".circleci/config.yml", yaml));
        DefinitionDag dag = CircleCiReader.read(files, ".circleci/config.yml", yaml);
        assertEquals(List.of("main", "nightly"), dag.stages());
        assertEquals(List.of("main/build", "main/test-18", "main/test-20", "main/hold", "main/deploy-prod", "main/node/test",
                "nightly/build"), dag.jobs().stream().map(DefinedJob::id).toList());
        assertEquals(List.of("main/test-18", "main/test-20"), dag.job("main/hold").orElseThrow().needs());
        assertEquals("deploy", dag.job("main/deploy-prod").orElseThrow().attribute("job"));
        assertEquals("deploy-prod", dag.job("main/deploy-prod").orElseThrow().name());
        assertTrue(dag.complete(), dag.notes().toString());
    }
}
