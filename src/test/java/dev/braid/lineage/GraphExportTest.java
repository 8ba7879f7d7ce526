package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GraphExportTest {
    private static final String HOSTILE = "a \"quoted\" <b>&amp;</b> name\\with\nnewline\u0001 and \uD83D\uDE80 and lone \uD800";
    private final GraphExport export = new GraphExport();
    private final LaidOutGraph graph = graphWithAHostileName();

    private static LaidOutGraph graphWithAHostileName() {
        InMemoryLineage lineage = LineageGraphs.project("churn", 3, 4);
        Subgraph shown = lineage.neighbourhood(LineageGraphs.model("churn"), 2, 2, null);
        NodeId odd = NodeId.of(NodeKind.ARTIFACT, "s3://bucket:odd \"file\" <1>.bin");
        LineageNode hostile = new LineageNode(odd, HOSTILE, "FAILED", Map.of("k\"ey", "v<al>ue\n"));
        LineageEdge edge = new LineageEdge(LineageGraphs.model("churn"), odd, EdgeKind.OUTPUT, "test & co", LineageGraphs.START);
        List<LineageNode> nodes = new java.util.ArrayList<>(shown.nodes());
        nodes.add(hostile);
        List<LineageEdge> edges = new java.util.ArrayList<>(shown.edges());
        edges.add(edge);
        return new GraphLayout().layout(new Subgraph(nodes, edges));
    }

    @Test
    void svgIsWellFormedXmlWithOneGroupPerNodeAndOneLinePerEdge() throws Exception {
        String svg = export.export(GraphExport.Format.SVG, graph);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        NodeList groups = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if ("node".equals(g.getAttribute("class"))) {
                ids.add(g.getAttribute("data-id"));
            }
        }
        Set<String> expected = new HashSet<>();
        graph.nodes().forEach(n -> expected.add(n.node().id().value()));
        assertEquals(expected, ids, "the ids survive escaping");
        assertEquals(graph.edges().size(), document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength());
        assertEquals(String.valueOf((int) Math.round(graph.width())), root.getAttribute("width"));
    }

    @Test
    void dotQuotesEveryIdAndHasOneStatementPerNodeAndEdge() {
        String dot = export.dot(graph.subgraph());

        assertTrue(dot.startsWith("digraph lineage {\n  rankdir=LR;"), dot);
        assertTrue(dot.endsWith("}\n"));
        Pattern edge = Pattern.compile("^  (\"(?:[^\"\\\\]|\\\\.)*\") -> (\"(?:[^\"\\\\]|\\\\.)*\") \\[label=\"[a-z-]+\"\\];$",
                Pattern.MULTILINE);
        Matcher edges = edge.matcher(dot);
        int count = 0;
        while (edges.find()) {
            count++;
        }
        assertEquals(graph.edges().size(), count);
        Pattern node = Pattern.compile("^  (\"(?:[^\"\\\\]|\\\\.)*\") \\[label=(\"(?:[^\"\\\\]|\\\\.)*\"), shape=\\w+, style=\"[a-z,]+\"(, color=\"#[0-9a-f]{6}\")?\\];$",
                Pattern.MULTILINE);
        Matcher nodes = node.matcher(dot);
        count = 0;
        while (nodes.find()) {
            count++;
        }
        assertEquals(graph.nodes().size(), count, dot);
        assertTrue(dot.contains("\\\"quoted\\\""), "quotes escaped");
        assertTrue(dot.contains("name\\\\with\\nnewline"), "backslash and line break escaped");
        assertTrue(!dot.contains("\u0001"), "control characters dropped");
    }

    @Test
    void jsonRoundTripsEveryNodeAndEdge(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graph.json");
        export.write(GraphExport.Format.JSON, graph, file);

        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(graph.nodes().size(), root.get("nodes").size());
        assertEquals(graph.edges().size(), root.get("edges").size());
        JsonNode hostile = null;
        for (JsonNode n : root.get("nodes")) {
            if (n.get("kind").asText().equals("artifact")) {
                hostile = n;
            }
            new NodeId(n.get("id").asText());
        }
        assertEquals(HOSTILE.replace("\uD800", "?"), hostile.get("name").asText(), "half a surrogate pair becomes '?'");
        assertEquals("v<al>ue\n", hostile.get("properties").get("k\"ey").asText());
        JsonNode first = root.get("edges").get(0);
        LineageEdge edge = graph.edges().get(0).edge();
        assertEquals(edge.from().value(), first.get("from").asText());
        assertEquals(edge.kind().id(), first.get("kind").asText());
        assertEquals(edge.assertedAt().toString(), first.get("assertedAt").asText());
    }

    @Test
    void formatsAreNamedByTheirExtension() {
        assertEquals(GraphExport.Format.DOT, GraphExport.Format.of("dot"));
        assertEquals("svg", GraphExport.Format.SVG.extension());
    }
}
