package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code braid pipelines dag|status|params-diff|metrics-diff} on an indexed repository. */
class PipelinesDefinitionsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    Path repo;
    String first;
    String second;

    @BeforeEach
    void repository() throws Exception {
        repo = home.resolve("ml");
        Files.createDirectories(repo);
        GitCli git = new GitCli(repo);
        git.run("init", "-q");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), """
                stages: [build, test]
                build: {stage: build, script: make}
                test: {stage: test, script: make test, parallel: 2}
                include: [{remote: "https://example.org/x.yml"}]
                """);
        Files.writeString(repo.resolve("params.yaml"), "lr: 0.1\nepochs: 3\n");
        Files.writeString(repo.resolve("train.py"), "print('train')\n");
        Files.writeString(repo.resolve("metrics.json"), "{\"acc\": 0.5}");
        Files.writeString(repo.resolve("dvc.yaml"), """
                stages:
                  train:
                    cmd: python train.py
                    deps: [train.py]
                    params: [lr]
                    metrics: [{metrics.json: {cache: false}}]
                  report:
                    cmd: echo done
                    deps: [metrics.json]
                """);
        Files.writeString(repo.resolve("dvc.lock"), """
                schema: '2.0'
                stages:
                  train:
                    cmd: python train.py
                    deps:
                    - path: train.py
                      hash: md5
                      md5: %s
                      size: 15
                    params:
                      params.yaml:
                        lr: 0.1
                    outs:
                    - path: metrics.json
                      hash: md5
                      md5: %s
                      size: 13
                """.formatted(md5("print('train')\n"), md5("{\"acc\": 0.5}")));
        first = git.commitAll("Train");
        Files.writeString(repo.resolve("params.yaml"), "lr: 0.2\nepochs: 3\n");
        Files.writeString(repo.resolve("metrics.json"), "{\"acc\": 0.625}");
        second = git.commitAll("Raise the learning rate without re-running");
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes()));
    }

    private CliRun cli() {
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("repo", "add", repo.toString(), "--name", "ml"), cli.err());
        return new CliRun(home);
    }

    @Test
    void dagPrintsEveryDefinitionOrOneFileInEachFormat() throws Exception {
        CliRun cli = cli();
        assertEquals(0, cli.run("pipelines", "dag", "ml"), cli.err());
        assertTrue(cli.out().contains(".gitlab-ci.yml (gitlab)"), cli.out());
        assertTrue(cli.out().contains("test 2/2  <- build"), cli.out());
        assertTrue(cli.out().contains("note: The remote include https://example.org/x.yml"), cli.out());
        assertTrue(cli.out().contains("dvc.yaml (dvc)"), cli.out());

        CliRun json = new CliRun(home);
        assertEquals(0, json.run("pipelines", "dag", "ml", "--commit", first.substring(0, 8), "--file", "dvc.yaml",
                "--format", "json"), json.err());
        JsonNode dag = JSON.readTree(json.out());
        assertEquals(first, dag.get("commit").asText());
        assertEquals("dvc", dag.get("source_kind").asText());
        assertEquals("train", dag.get("jobs").get(1).get("needs").get(0).asText());
        assertEquals("data", dag.get("edges").get(0).get("kind").asText());

        CliRun dot = new CliRun(home);
        assertEquals(0, dot.run("pipelines", "dag", "ml", "--file", ".gitlab-ci.yml", "--format", "dot"), dot.err());
        assertTrue(dot.out().startsWith("digraph \".gitlab-ci.yml\" {"), dot.out());
        assertTrue(dot.out().contains("\"build\" -> \"test 1/2\" [style=dashed];"), dot.out());

        CliRun missing = new CliRun(home);
        assertEquals(1, missing.run("pipelines", "dag", "ml", "--file", "nope.yml"));
        assertTrue(missing.err().contains("no pipeline definition nope.yml"), missing.err());
        assertEquals(1, new CliRun(home).run("pipelines", "dag", "ml", "--commit", "no-such-branch"));
        assertEquals(2, new CliRun(home).run("pipelines", "dag", "nobody"));
    }

    @Test
    void statusPrintsEachStagesStateAtACommit() throws Exception {
        CliRun cli = cli();
        assertEquals(0, cli.run("pipelines", "status", "ml", "--commit", first), cli.err());
        assertTrue(cli.out().lines().anyMatch(l -> l.matches("train\\s+up to date\\s*")), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.matches("report\\s+never run\\s*")), cli.out());
        CliRun later = new CliRun(home);
        assertEquals(0, later.run("pipelines", "status", "ml", "--json"), later.err());
        JsonNode train = JSON.readTree(later.out().lines().findFirst().orElseThrow());
        assertEquals("changed", train.get("state").asText());
        assertEquals(JSON.readTree("[{\"changed deps\": {\"params.yaml\": {\"lr\": \"modified\"}}},"
                + " {\"changed outs\": {\"metrics.json\": \"modified\"}}]"), train.get("changes"));
    }

    @Test
    void paramsAndMetricsDiffsPrintAsDvcDoes() throws Exception {
        CliRun cli = cli();
        assertEquals(0, cli.run("pipelines", "params-diff", "ml", first, "HEAD"), cli.err());
        // Columns as wide as their widest cell or heading plus two, two spaces apart, as DVC's tables.
        String expected = "Path         Param    " + first + "    HEAD\n"
                + "params.yaml  lr       0.1" + " ".repeat(first.length() + 2 - 3 + 2) + "0.2\n";
        assertEquals(expected, cli.out());
        CliRun all = new CliRun(home);
        assertEquals(0, all.run("pipelines", "params-diff", "ml", first, "HEAD", "--all", "--json"), all.err());
        assertEquals(JSON.readTree("{\"params.yaml\": {\"epochs\": {\"old\": 3, \"new\": 3, \"diff\": 0},"
                + " \"lr\": {\"old\": 0.1, \"new\": 0.2, \"diff\": 0.1}}}"), JSON.readTree(all.out()));
        CliRun metrics = new CliRun(home);
        assertEquals(0, metrics.run("pipelines", "metrics-diff", "ml", first, "HEAD", "--json"), metrics.err());
        assertEquals(JSON.readTree("{\"metrics.json\": {\"acc\": {\"old\": 0.5, \"new\": 0.625, \"diff\": 0.125}}}"),
                JSON.readTree(metrics.out()));
        CliRun same = new CliRun(home);
        assertEquals(0, same.run("pipelines", "metrics-diff", "ml", "HEAD", "HEAD"), same.err());
        assertEquals("", same.out());
    }
}
