package dev.braid.lineage;

import dev.braid.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage graph in the cache: the questions of {@link LineageReader} plus closures, impact,
 * labels and the writes every source of lineage goes through ({@link #apply}, {@link #replace}).
 * Synchronous; each question reads one consistent snapshot.
 */
public final class LineageService implements LineageReader {
    /** How deep unbounded questions (impact, inherited labels) walk at most. */
    public static final int UNBOUNDED = 1_000;
    /** How many hops {@link #paths} searches. */
    public static final int MAX_PATH_LENGTH = 64;
    private final Database db;
    private final Clock clock;
    private final LineageStore store = new LineageStore();
    // Made when MLflow edges are first derived: it parses with data binding, which a lineage
    // question has no use for and a short command should not pay for.
    private MlflowEdges mlflow;

    public LineageService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<LineageNode> find(String text, int limit) {
        if (text == null || text.isBlank() || limit < 1) {
            return List.of();
        }
        return db.read(c -> labelled(c, store.find(c, text.strip(), limit)));
    }

    /** {@code found} with commit subjects added, in the same order. */
    private static List<LineageNode> labelled(Connection c, List<LineageNode> found) throws SQLException {
        Map<String, LineageNode> byId = new java.util.LinkedHashMap<>();
        found.forEach(n -> byId.put(n.id().value(), n));
        withSubjects(c, byId);
        return found.stream().map(n -> byId.get(n.id().value())).toList();
    }

    /**
     * Nodes of {@code kind} (any kind when null) whose id or name contains {@code text}, ignoring
     * case, best matches first.
     */
    @Override
    public List<LineageNode> find(String text, NodeKind kind, int limit) {
        if (kind == null) {
            return find(text, limit);
        }
        if (text == null || text.isBlank() || limit < 1) {
            return List.of();
        }
        return db.read(c -> labelled(c, store.find(c, text.strip(), kind, limit)));
    }

    /**
     * The node a typed id means: a canonical id, a commit named by its repository's Braid name and
     * a hash prefix ({@code commit:<repo name>:<sha prefix>}), a repository by name, or any id
     * shortened to a prefix only one node has; otherwise the closest known nodes.
     */
    public NodeResolution resolve(String typed) {
        return db.read(c -> {
            NodeResolution found = new NodeResolver(store).resolve(c, typed);
            return new NodeResolution(found.node(), labelled(c, found.candidates()), found.ambiguous());
        });
    }

    @Override
    public Optional<LineageNode> node(NodeId id) {
        return db.read(c -> store.node(c, id));
    }

    /** Whether the graph knows {@code id}, as a node or as the end of an edge. */
    public boolean exists(NodeId id) {
        return db.read(c -> {
            if (store.node(c, id).isPresent()) {
                return true;
            }
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM lineage_edges WHERE from_id = ?1"
                    + " UNION ALL SELECT 1 FROM lineage_edges WHERE to_id = ?1 UNION ALL SELECT 1 FROM lineage_edges_ended"
                    + " WHERE from_id = ?1 UNION ALL SELECT 1 FROM lineage_edges_ended WHERE to_id = ?1 LIMIT 1")) {
                st.setString(1, id.value());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public Subgraph neighbourhood(NodeId focus, int upstream, int downstream, Instant asOf) {
        return db.read(c -> {
            GraphWalker walker = new GraphWalker(c, millis(asOf));
            Map<String, Integer> reached = new java.util.LinkedHashMap<>(walker.depths(focus.value(), Direction.UPSTREAM, upstream));
            walker.depths(focus.value(), Direction.DOWNSTREAM, downstream).forEach(reached::putIfAbsent);
            return new Subgraph(nodes(c, reached.keySet()), walker.edgesAmong(reached.keySet()));
        });
    }

    @Override
    public List<List<NodeId>> paths(NodeId from, NodeId to, int limit, Instant asOf) {
        if (limit < 1) {
            return List.of();
        }
        return db.read(c -> new GraphWalker(c, millis(asOf)).shortestPaths(from.value(), to.value(), limit, MAX_PATH_LENGTH))
                .stream().map(path -> path.stream().map(NodeId::new).toList()).toList();
    }

    @Override
    public List<LineageNode> latest(NodeKind kind, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return db.read(c -> {
            List<String> ids = new ArrayList<>();
            // A range over to_id (';' follows ':') walks the upstream index instead of every edge.
            try (PreparedStatement st = c.prepareStatement("SELECT to_id, MAX(asserted_at) AS latest FROM lineage_edges"
                    + " WHERE to_id >= ? AND to_id < ? GROUP BY to_id ORDER BY latest DESC, to_id LIMIT ?")) {
                st.setString(1, kind.id() + ":");
                st.setString(2, kind.id() + ";");
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return nodes(c, ids);
        });
    }

    @Override
    public Optional<Instant[]> timeSpan(Collection<NodeId> nodes) {
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        return db.read(c -> {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<String> ids = nodes.stream().map(NodeId::value).toList();
            for (List<String> chunk : Chunks.of(ids)) {
                String in = Chunks.placeholders(chunk.size());
                for (String sql : List.of(
                        "SELECT min(asserted_at), max(asserted_at) FROM lineage_edges WHERE from_id IN (" + in + ")",
                        "SELECT min(asserted_at), max(asserted_at) FROM lineage_edges WHERE to_id IN (" + in + ")",
                        "SELECT min(asserted_at), max(ended_at) FROM lineage_edges_ended WHERE from_id IN (" + in + ")",
                        "SELECT min(asserted_at), max(ended_at) FROM lineage_edges_ended WHERE to_id IN (" + in + ")")) {
                    try (PreparedStatement st = c.prepareStatement(sql)) {
                        Chunks.bind(st, 1, chunk);
                        try (ResultSet rs = st.executeQuery()) {
                            if (rs.next() && rs.getObject(1) != null) {
                                first = Math.min(first, rs.getLong(1));
                                last = Math.max(last, rs.getLong(2));
                            }
                        }
                    }
                }
            }
            return first == Long.MAX_VALUE ? Optional.<Instant[]>empty()
                    : Optional.of(new Instant[] {Instant.ofEpochMilli(first), Instant.ofEpochMilli(last)});
        });
    }

    /**
     * The whole graph as of {@code asOf}: every node (those only edges name, such as a repository,
     * included) and every edge that held then.
     */
    public Subgraph everything(Instant asOf) {
        return db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id FROM lineage_nodes UNION SELECT from_id FROM lineage_edges UNION SELECT to_id FROM lineage_edges
                    UNION SELECT from_id FROM lineage_edges_ended UNION SELECT to_id FROM lineage_edges_ended ORDER BY 1""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return new Subgraph(nodes(c, ids), new GraphWalker(c, millis(asOf)).edgesAmong(ids));
        });
    }

    /**
     * The nodes within {@code depth} hops of {@code start} in {@code direction}, nearest first,
     * the start itself first at depth 0.
     */
    public List<ReachedNode> closure(NodeId start, Direction direction, int depth, Instant asOf) {
        return db.read(c -> {
            Map<String, Integer> reached = new GraphWalker(c, millis(asOf)).depths(start.value(), direction, depth);
            List<ReachedNode> out = new ArrayList<>(reached.size());
            for (LineageNode n : nodes(c, reached.keySet())) {
                out.add(new ReachedNode(n, reached.get(n.id().value()), direction));
            }
            return out;
        });
    }

    /** A walk without a depth keeps at most this many nodes before it stops at a level, saying so. */
    public static final int SMALL_ANSWER = 250;
    /** How far past a stop {@link #reach} counts the nodes beyond. */
    static final int MORE_CAP = 10_000;

    /**
     * The nodes within {@code depth} hops of {@code start} in {@code direction}, nearest first; with
     * {@code depth} null, all the way to the roots (or leaves) when that stays a small answer
     * (at most {@value #SMALL_ANSWER} nodes), else as many whole levels as stay within it. Says
     * where it stopped and how many nodes lie beyond.
     */
    public Reach reach(NodeId start, Direction direction, Integer depth, Instant asOf) {
        return db.read(c -> {
            GraphWalker.Bounded walk = new GraphWalker(c, millis(asOf)).bounded(start.value(), direction, depth, SMALL_ANSWER, MORE_CAP);
            List<ReachedNode> out = new ArrayList<>(walk.depth().size());
            for (LineageNode n : nodes(c, walk.depth().keySet())) {
                out.add(new ReachedNode(n, walk.depth().get(n.id().value()), direction));
            }
            return new Reach(out, direction, walk.stoppedAt(), walk.more(), walk.moreIsAtLeast());
        });
    }

    /** Everything downstream of {@code root} (the root itself left out), grouped by kind in the report. */
    public ImpactReport impact(NodeId root, Instant asOf) {
        List<ReachedNode> reached = closure(root, Direction.DOWNSTREAM, UNBOUNDED, asOf);
        return new ImpactReport(root, reached.subList(1, reached.size()));
    }

    /** Marks {@code node} with a sensitivity label (such as {@code PII}); returns false when it already had it. */
    public boolean label(NodeId node, String label) {
        String clean = checkLabel(label);
        return db.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO lineage_labels(node_id, label, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, node.value());
                st.setString(2, clean);
                st.setLong(3, clock.millis());
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Removes a label; returns false when the node did not have it. */
    public boolean unlabel(NodeId node, String label) {
        return db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM lineage_labels WHERE node_id = ? AND label = ?")) {
                st.setString(1, node.value());
                st.setString(2, label.strip());
                return st.executeUpdate() == 1;
            }
        });
    }

    /**
     * The labels {@code node} carries: its own and those of every labelled node upstream of it,
     * each with the shortest path that carries it down.
     */
    public List<InheritedLabel> labels(NodeId node, Instant asOf) {
        return db.read(c -> {
            GraphWalker.Walk walk = new GraphWalker(c, millis(asOf)).walk(node.value(), Direction.UPSTREAM, UNBOUNDED);
            List<InheritedLabel> out = new ArrayList<>();
            for (List<String> chunk : Chunks.of(walk.depth().keySet())) {
                try (PreparedStatement st = c.prepareStatement("SELECT node_id, label FROM lineage_labels WHERE node_id IN ("
                        + Chunks.placeholders(chunk.size()) + ")")) {
                    Chunks.bind(st, 1, chunk);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            List<NodeId> path = walk.pathToStart(rs.getString(1)).stream().map(NodeId::new).toList();
                            out.add(new InheritedLabel(rs.getString(2), new NodeId(rs.getString(1)), path));
                        }
                    }
                }
            }
            out.sort(java.util.Comparator.comparing((InheritedLabel l) -> l.path().size()).thenComparing(InheritedLabel::label));
            return out;
        });
    }

    /** Writes what a source asserts, in one transaction. */
    public void apply(GraphChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        db.write(c -> {
            store.write(c, changes, clock.instant());
            return null;
        });
    }

    /**
     * Replaces everything {@code assertedBy} asserted before with {@code changes}, in one
     * transaction: how derived sources (an MLflow server after a sync, a repository's DVC
     * pipelines) keep their edges current. What the source no longer asserts is kept as history
     * with the time it ended ({@link EdgeHistory}), so "as of" earlier still sees it. Returns how
     * many edges the source asserted before.
     */
    public int replace(String assertedBy, GraphChanges changes) {
        return db.write(c -> replace(c, assertedBy, changes, clock.instant()));
    }

    /**
     * {@link #replace(String, GraphChanges)} inside the caller's transaction (a source being renamed
     * derives its edges again under the new name in the rename's transaction).
     */
    public int replace(Connection c, String assertedBy, GraphChanges changes) throws SQLException {
        return replace(c, assertedBy, changes, clock.instant());
    }

    /**
     * Like {@link #replace(String, GraphChanges)}, for a source whose nodes found another name:
     * {@code renamed} are ids the source used before for things it now names otherwise (an Airflow
     * run it named itself until the OpenLineage run of the same thing arrived). Their edges from
     * this source are not history (the thing did not end, it was recognised), so they are dropped,
     * and so are the nodes when nothing else refers to them.
     */
    public int replace(String assertedBy, GraphChanges changes, Collection<NodeId> renamed) {
        return db.write(c -> {
            int before = replace(c, assertedBy, changes, clock.instant());
            if (!renamed.isEmpty()) {
                forget(c, assertedBy, renamed);
            }
            return before;
        });
    }

    private static void forget(Connection c, String assertedBy, Collection<NodeId> ids) throws SQLException {
        try (PreparedStatement ended = c.prepareStatement(
                "DELETE FROM lineage_edges_ended WHERE asserted_by = ?1 AND (from_id = ?2 OR to_id = ?2)");
             PreparedStatement node = c.prepareStatement("DELETE FROM lineage_nodes WHERE id = ?1"
                     + " AND NOT EXISTS (SELECT 1 FROM lineage_edges WHERE from_id = ?1)"
                     + " AND NOT EXISTS (SELECT 1 FROM lineage_edges WHERE to_id = ?1)"
                     + " AND NOT EXISTS (SELECT 1 FROM lineage_edges_ended WHERE from_id = ?1)"
                     + " AND NOT EXISTS (SELECT 1 FROM lineage_edges_ended WHERE to_id = ?1)"
                     + " AND NOT EXISTS (SELECT 1 FROM lineage_labels WHERE node_id = ?1)")) {
            for (NodeId id : ids) {
                ended.setString(1, assertedBy);
                ended.setString(2, id.value());
                ended.executeUpdate();
                node.setString(1, id.value());
                node.executeUpdate();
            }
        }
    }

    /**
     * Derives again the edges an MLflow source asserts from its cached runs, dataset inputs and
     * registry, replacing the previous ones in one transaction.
     */
    public void rebuildMlflow(dev.braid.sync.Source source) {
        db.write(c -> {
            rebuildMlflow(c, source);
            return null;
        });
    }

    /**
     * Derives again the edges a W&B source asserts from its cached runs and their artifacts (ADR 23),
     * replacing the previous ones in one transaction.
     */
    public void rebuildWandb(dev.braid.sync.Source source) {
        db.write(c -> {
            Instant now = clock.instant();
            return replace(c, WandbEdges.assertedBy(source.name()), new WandbEdges().derive(c, source.id(), source.name(), now), now);
        });
    }

    /**
     * Derives again the edges an Artifactory source asserts from its cached files and builds (ADR 25),
     * replacing the previous ones in one transaction.
     */
    public void rebuildArtifactory(dev.braid.sync.Source source) {
        db.write(c -> {
            rebuildArtifactory(c, source);
            return null;
        });
    }

    /** {@link #rebuildArtifactory(dev.braid.sync.Source)} inside the caller's transaction (a rename). */
    public void rebuildArtifactory(Connection c, dev.braid.sync.Source source) throws SQLException {
        Instant now = clock.instant();
        replace(c, ArtifactoryEdges.assertedBy(source.name()), new ArtifactoryEdges().derive(c, source.id(), source.name(),
                source.config("url"), now), now);
    }

    /** What an Artifactory source's edges are asserted by: {@code artifactory:<source name>}. */
    public static String artifactoryAssertedBy(String sourceName) {
        return ArtifactoryEdges.assertedBy(sourceName);
    }

    /** The node of one build run of an Artifactory source: {@code build:<source>:<name>/<number>}. */
    public static NodeId artifactoryBuild(String sourceName, String name, String number) {
        return ArtifactoryEdges.build(sourceName, name, number);
    }

    /** {@link #rebuildMlflow(dev.braid.sync.Source)} inside the caller's transaction. */
    void rebuildMlflow(Connection c, dev.braid.sync.Source source) throws SQLException {
        Instant now = clock.instant();
        replace(c, MlflowEdges.assertedBy(source.name()), mlflowEdges().derive(c, source.id(), source.name(), now), now);
    }

    private int replace(Connection c, String assertedBy, GraphChanges changes, Instant now) throws SQLException {
        return EdgeHistory.replace(c, store, assertedBy, changes, now);
    }

    /** The cached MLflow runs that ran at a commit the repository {@code repoSourceId} has indexed (ADR 9's join). */
    public List<CommittedRun> runsAtCommitsOf(long repoSourceId) {
        return db.read(c -> CommittedRuns.of(c, repoSourceId));
    }

    /** The indexed repositories where some run of the MLflow source {@code mlflowSourceId} ran. */
    public List<RunRepository> repositoriesWithRunsOf(long mlflowSourceId) {
        return db.read(c -> {
            List<RunRepository> all = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT s.id, s.name, r.path, coalesce(nullif(r.remote_url, ''), r.path)
                    FROM repositories r JOIN sources s ON s.id = r.source_id ORDER BY s.id""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(new RunRepository(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            List<RunRepository> out = new ArrayList<>();
            for (RunRepository repository : all) {
                if (CommittedRuns.any(c, mlflowSourceId, repository.sourceId())) {
                    out.add(repository);
                }
            }
            return out;
        });
    }

    /** What the source that asserted {@code edge} said about it (a dataset input's context, what a join was derived from). */
    public Map<String, String> edgeProperties(LineageEdge edge) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT properties FROM lineage_edges WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3 AND asserted_by = ?4
                    UNION ALL SELECT properties FROM lineage_edges_ended
                    WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3 AND asserted_by = ?4 LIMIT 1""")) {
                st.setString(1, edge.from().value());
                st.setString(2, edge.to().value());
                st.setString(3, edge.kind().id());
                st.setString(4, edge.assertedBy());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? store.decode(rs.getString(1)) : Map.<String, String>of();
                }
            }
        });
    }

    /** Column links into {@code dataset}'s fields: where each field came from. */
    public List<GraphChanges.ColumnLink> columns(NodeId dataset) {
        return db.read(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT field, input_dataset_id, input_field, transformation, asserted_by, asserted_at
                    FROM lineage_columns WHERE dataset_id = ? ORDER BY field, input_dataset_id, input_field""")) {
                st.setString(1, dataset.value());
                List<GraphChanges.ColumnLink> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new GraphChanges.ColumnLink(dataset, rs.getString(1), new NodeId(rs.getString(2)),
                                rs.getString(3), rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
                return out;
            }
        });
    }

    LineageStore store() {
        return store;
    }

    Database database() {
        return db;
    }

    Clock clock() {
        return clock;
    }

    private synchronized MlflowEdges mlflowEdges() {
        if (mlflow == null) {
            mlflow = new MlflowEdges();
        }
        return mlflow;
    }

    /**
     * Stored nodes for {@code ids}, in that order; an id only edges mention gets a bare node.
     * Commits an indexed repository holds get their {@code subject}, for labels people know.
     */
    private List<LineageNode> nodes(Connection c, Collection<String> ids) throws SQLException {
        Map<String, LineageNode> byId = new HashMap<>();
        store.nodes(c, ids).forEach(n -> byId.put(n.id().value(), n));
        withSubjects(c, byId);
        List<LineageNode> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            LineageNode n = byId.get(id);
            out.add(n != null ? n : new LineageNode(new NodeId(id), id.substring(id.indexOf(':') + 1), "", Map.of()));
        }
        return out;
    }

    /** Adds the subject of every commit node whose commit an indexed repository holds (one query per 500). */
    private static void withSubjects(Connection c, Map<String, LineageNode> byId) throws SQLException {
        Map<String, List<String>> idsBySha = new HashMap<>();
        for (LineageNode node : byId.values()) {
            if (node.kind().equals(NodeKind.COMMIT) && !node.properties().containsKey("subject")) {
                String id = node.id().value();
                String sha = id.substring(id.lastIndexOf(':') + 1);
                if (sha.length() == 40) {
                    idsBySha.computeIfAbsent(sha, k -> new ArrayList<>()).add(id);
                }
            }
        }
        for (List<String> chunk : Chunks.of(idsBySha.keySet())) {
            try (PreparedStatement st = c.prepareStatement("SELECT hash, subject FROM commits WHERE repo_id IN (SELECT source_id FROM repositories) AND hash IN ("
                    + Chunks.placeholders(chunk.size()) + ")")) {
                Chunks.bind(st, 1, chunk);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        for (String id : idsBySha.getOrDefault(rs.getString(1), List.of())) {
                            LineageNode node = byId.get(id);
                            if (node != null && !node.properties().containsKey("subject")) {
                                Map<String, String> properties = new java.util.LinkedHashMap<>(node.properties());
                                properties.put("subject", rs.getString(2));
                                byId.put(id, new LineageNode(node.id(), node.name(), node.status(), properties));
                            }
                        }
                    }
                }
            }
        }
    }

    private static String checkLabel(String label) {
        String clean = label == null ? "" : label.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new IllegalArgumentException("a label is 1 to 100 characters");
        }
        return clean;
    }

    private static Long millis(Instant asOf) {
        return asOf == null ? null : asOf.toEpochMilli();
    }
}
