package dev.braid.security.bom;

import dev.braid.lineage.InheritedLabel;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.lineage.Subgraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cyclonedx.model.Commit;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.data.ComponentData;

/**
 * The lineage upstream of a model version as BOM parts: dataset versions (and datasets known
 * without a version) become data components, commits become the model's pedigree, and the runs
 * and jobs between them are followed, not listed, so that each data component depends on the
 * nearest data upstream of it, as the graph says.
 */
final class LineageComponents {
    private final Map<String, LineageNode> nodes = new HashMap<>();
    private final Map<String, List<String>> upstream = new HashMap<>();
    private final Set<String> data = new LinkedHashSet<>();
    private final LineageService lineage;

    LineageComponents(Subgraph graph, NodeId root, LineageService lineage) {
        this.lineage = lineage;
        graph.nodes().forEach(n -> nodes.put(n.id().value(), n));
        Set<String> versioned = new HashSet<>();
        for (LineageEdge e : graph.edges()) {
            upstream.computeIfAbsent(e.to().value(), k -> new ArrayList<>()).add(e.from().value());
            if (e.from().kind().equals(NodeKind.DATASET) && e.to().kind().equals(NodeKind.DATASET_VERSION)) {
                versioned.add(e.from().value());
            }
        }
        for (LineageNode n : graph.nodes()) {
            NodeKind kind = n.id().kind();
            if (kind.equals(NodeKind.DATASET_VERSION) || (kind.equals(NodeKind.DATASET) && !versioned.contains(n.id().value()))) {
                data.add(n.id().value());
            }
        }
        data.remove(root.value());
    }

    List<Component> dataComponents() {
        List<Component> out = new ArrayList<>();
        for (String id : data) {
            LineageNode node = nodes.get(id);
            Component c = new Component();
            c.setType(Component.Type.DATA);
            c.setBomRef(id);
            c.setName(node.name());
            String version = node.id().kind().equals(NodeKind.DATASET_VERSION) && id.contains("@")
                    ? id.substring(id.lastIndexOf('@') + 1) : null;
            if (version != null) {
                c.setVersion(version);
                Hash hash = hash(version);
                if (hash != null) {
                    c.setHashes(List.of(hash));
                }
            }
            ComponentData d = new ComponentData();
            d.setType(ComponentData.ComponentDataType.DATASET);
            d.setName(node.name());
            List<String> labels = lineage.labels(node.id(), null).stream().map(InheritedLabel::label).distinct().sorted().toList();
            if (!labels.isEmpty()) {
                d.setSensitiveData(labels);
            }
            c.setData(List.of(d));
            List<Property> properties = new ArrayList<>();
            node.properties().forEach((k, v) -> properties.add(new Property("braid:lineage:" + k, v)));
            if (!properties.isEmpty()) {
                c.setProperties(properties);
            }
            out.add(c);
        }
        return out;
    }

    /** The data components nearest upstream of {@code from}, through runs, jobs and artifacts. */
    List<String> nearestData(NodeId from) {
        return nearest(from.value());
    }

    private List<String> nearest(String from) {
        Set<String> found = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>(Set.of(from));
        Deque<String> queue = new ArrayDeque<>(upstream.getOrDefault(from, List.of()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            if (data.contains(id)) {
                found.add(id);
                continue;
            }
            NodeKind kind = new NodeId(id).kind();
            if (kind.equals(NodeKind.COMMIT) || kind.equals(NodeKind.REPOSITORY)) {
                continue;
            }
            queue.addAll(upstream.getOrDefault(id, List.of()));
        }
        return List.copyOf(found);
    }

    /** The commits upstream, as pedigree: the sha, and the repository key as the URL when it is a remote's. */
    List<Commit> commits() {
        List<Commit> out = new ArrayList<>();
        for (LineageNode n : nodes.values()) {
            if (!n.id().kind().equals(NodeKind.COMMIT)) {
                continue;
            }
            String id = n.id().value();
            Commit commit = new Commit();
            commit.setUid(id.substring(id.lastIndexOf(':') + 1));
            String repo = id.substring("commit:".length(), id.lastIndexOf(':'));
            if (!repo.equals("unknown") && !repo.startsWith("/")) {
                commit.setUrl("https://" + repo);
            }
            out.add(commit);
        }
        out.sort(java.util.Comparator.comparing(Commit::getUid));
        return out;
    }

    /** The dependency graph: the model on its data, features and libraries; each data component on its own upstream data. */
    List<Dependency> dependencies(String modelRef, List<String> libraries, List<String> features) {
        List<Dependency> out = new ArrayList<>();
        Dependency model = new Dependency(modelRef);
        for (String d : nearest(modelRef)) {
            model.addDependency(new Dependency(d));
        }
        features.forEach(f -> model.addDependency(new Dependency(f)));
        libraries.forEach(l -> model.addDependency(new Dependency(l)));
        out.add(model);
        for (String id : data) {
            Dependency dep = new Dependency(id);
            nearest(id).forEach(d -> dep.addDependency(new Dependency(d)));
            out.add(dep);
        }
        features.forEach(f -> out.add(new Dependency(f)));
        libraries.forEach(l -> out.add(new Dependency(l)));
        return out;
    }

    private static Hash hash(String version) {
        if (version.endsWith(".dir")) {
            version = version.substring(0, version.length() - 4);
        }
        if (version.matches("[0-9a-fA-F]{32}")) {
            return new Hash(Hash.Algorithm.MD5, version.toLowerCase(java.util.Locale.ROOT));
        }
        if (version.matches("[0-9a-fA-F]{64}")) {
            return new Hash(Hash.Algorithm.SHA_256, version.toLowerCase(java.util.Locale.ROOT));
        }
        if (version.matches("[0-9a-fA-F]{40}")) {
            return new Hash(Hash.Algorithm.SHA1, version.toLowerCase(java.util.Locale.ROOT));
        }
        return null;
    }
}
