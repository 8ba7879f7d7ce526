package dev.braid.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.sync.SafeYaml.Tagged;
import dev.braid.sync.SafeYaml.UnreadableYamlException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeYamlTest {
    private final SafeYaml yaml = SafeYaml.standard();

    @Test
    void readsTheCoreSchemaAsWritten() throws Exception {
        Map<String, Object> map = yaml.loadMapping("f.yaml", """
                a: yes
                b: 0755
                c: 12
                d: 1.5
                e: true
                f: ~
                g: "quoted"
                h: 0x1F
                i: 123456789012345678901234567890
                """);
        assertEquals("yes", map.get("a"), "YAML 1.2: yes is text");
        assertEquals(755L, map.get("b"), "YAML 1.2 core: a leading zero is not octal");
        assertEquals(12L, map.get("c"));
        assertEquals(1.5, map.get("d"));
        assertEquals(true, map.get("e"));
        assertNull(map.get("f"));
        assertTrue(map.containsKey("f"));
        assertEquals("quoted", map.get("g"));
        assertEquals(31L, map.get("h"));
        assertEquals(new java.math.BigInteger("123456789012345678901234567890"), map.get("i"));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), List.copyOf(map.keySet()), "document order");
    }

    @Test
    void appliesMergeKeysWithOwnKeysWinning() throws Exception {
        Map<String, Object> map = yaml.loadMapping(".gitlab-ci.yml", """
                .defaults: &defaults
                  image: python:3.11
                  stage: test
                .more: &more
                  stage: build
                  tags: [docker]
                unit:
                  <<: *defaults
                  stage: check
                both:
                  <<: [*more, *defaults]
                """);
        assertEquals(Map.of("image", "python:3.11", "stage", "check"), map.get("unit"));
        Map<?, ?> both = (Map<?, ?>) map.get("both");
        assertEquals("build", both.get("stage"), "the earlier mapping in a merge list wins");
        assertEquals("python:3.11", both.get("image"));
        assertEquals(List.of("docker"), both.get("tags"));
    }

    @Test
    void keepsUnknownTagsAsTaggedValues() throws Exception {
        Map<String, Object> map = yaml.loadMapping(".gitlab-ci.yml", """
                job:
                  script:
                    - !reference [.setup, script]
                    - make test
                """);
        List<?> script = (List<?>) ((Map<?, ?>) map.get("job")).get("script");
        Tagged reference = assertInstanceOf(Tagged.class, script.get(0));
        assertEquals("!reference", reference.tag());
        assertEquals(List.of(".setup", "script"), reference.value());
        assertEquals("make test", script.get(1));
    }

    @Test
    void keepsTemplatesLikeDollarBracesAsText() throws Exception {
        // snakeyaml-engine would tag these as environment variables to substitute.
        Map<String, Object> map = yaml.loadMapping("dvc.yaml", "foreach: ${models}\nimage: ${CI_REGISTRY}/app\n");
        assertEquals("${models}", map.get("foreach"));
        assertEquals("${CI_REGISTRY}/app", map.get("image"));
    }

    @Test
    void expandedAliasesAreIndependentCopies() throws Exception {
        Map<String, Object> map = yaml.loadMapping("f.yaml", "a: &x {k: [1]}\nb: *x\n");
        assertEquals(map.get("a"), map.get("b"));
        assertTrue(map.get("a") != map.get("b"));
    }

    @Test
    void refusesAnAliasBombThatStaysUnderTheAliasLimit() {
        // Nine levels of ten aliases each: 89 aliases, 10^9 values once expanded.
        StringBuilder bomb = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 10; level++) {
            String previous = "*l" + (level - 1);
            bomb.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, previous))).append("]\n");
        }
        UnreadableYamlException e = assertThrows(UnreadableYamlException.class,
                () -> yaml.load("bomb.yaml", bomb.toString()));
        assertTrue(e.getMessage().startsWith("bomb.yaml: expands to more than"), e.getMessage());
    }

    @Test
    void refusesDeepFlowNestingWithoutOverflowingTheStack() {
        String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        UnreadableYamlException e = assertThrows(UnreadableYamlException.class, () -> yaml.load("deep.yaml", deep));
        assertEquals("deep.yaml: nested more than 200 levels deep", e.getMessage());
    }

    @Test
    void refusesDeepBlockNesting() {
        StringBuilder deep = new StringBuilder();
        for (int level = 0; level < 300; level++) {
            deep.append(" ".repeat(level)).append("k:\n");
        }
        assertThrows(UnreadableYamlException.class, () -> yaml.load("deep.yaml", deep.toString()));
    }

    @Test
    void refusesARecursiveAliasInsteadOfLoopingForever() {
        assertThrows(UnreadableYamlException.class, () -> yaml.load("loop.yaml", "a: &a [*a]\n"));
    }

    @Test
    void refusesDocumentsPastTheSizeCap() {
        SafeYaml small = new SafeYaml(new SafeYaml.Limits(100, 10, 10, 100));
        UnreadableYamlException e = assertThrows(UnreadableYamlException.class,
                () -> small.load("big.yaml", "k: " + "v".repeat(200)));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void reportsBrokenYamlInPlainWords() {
        UnreadableYamlException e = assertThrows(UnreadableYamlException.class,
                () -> yaml.load("dvc.lock", "stages:\n  a: [unclosed\n"));
        assertTrue(e.getMessage().startsWith("dvc.lock: not valid YAML: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void refusesDuplicateKeys() {
        assertThrows(UnreadableYamlException.class, () -> yaml.load("f.yaml", "a: 1\na: 2\n"));
    }

    @Test
    void ignoresBracketsInQuotesAndCommentsWhenMeasuringDepth() {
        assertEquals(1, SafeYaml.flowNestingDepth("a: ['[[[[', \"{{{\"] # [[[[[\n"));
    }

    @Test
    void readsEveryDocumentOfAStream() throws Exception {
        assertEquals(List.of(Map.of("a", 1L), Map.of("b", 2L)), yaml.loadAll("s.yaml", "a: 1\n---\nb: 2\n"));
    }

    @Test
    void anEmptyDocumentIsAnEmptyMapping() throws Exception {
        assertEquals(Map.of(), yaml.loadMapping("empty.yaml", ""));
        assertThrows(UnreadableYamlException.class, () -> yaml.loadMapping("list.yaml", "- a\n"));
    }
}
