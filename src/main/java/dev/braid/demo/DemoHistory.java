package dev.braid.demo;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Plays out the demo team's history: a scaffold on {@code main}, {@code develop} branched from it,
 * release cycles in which feature branches are worked on side by side and merged through merge
 * requests, releases merged to {@code main} and tagged, a hotfix, and a few branches still open at
 * the end. Everything random comes from one seeded {@link Random}, so a seed always yields the
 * same objects.
 */
final class DemoHistory {
    private static final List<Author> TEAM = List.of(Author.MAYA, Author.RAVI, Author.SOFIA, Author.KENJI, Author.TOM, Author.GRACE);
    private static final String PROJECT = "acme/churn-predictor";
    /** How many features stay unmerged at the end: work in progress. */
    private static final int OPEN_FEATURES = 2;
    /** Stands for a review fix-up commit, decided when it is made since it depends on the state then. */
    private static final Step POLISH = new Step("polish", s -> { });

    /** One commit as the script remembers it. */
    record Node(ObjectId id, ObjectId tree, int seq, List<Node> parents, ProjectState state) {
    }

    private final Random random;
    private final RoutineChanges routine;
    private final CommitWriter writer;
    private Instant now;
    private int commits;
    private int mergeRequests;
    private int minor = 1;
    private final Map<String, Node> heads = new LinkedHashMap<>();
    /** Features already listed in a release tag's notes. */
    private final Set<String> announced = new HashSet<>();

    DemoHistory(long seed, Instant start, CommitWriter writer) {
        this.random = new Random(seed);
        this.routine = new RoutineChanges(random);
        this.writer = writer;
        this.now = start;
    }

    /** Writes the whole history; returns the final head of {@code main}. */
    Node play() throws IOException {
        scaffold();
        List<FeaturePlan> plans = FeaturePlans.all();
        int next = 0;
        while (next < plans.size() - OPEN_FEATURES) {
            int count = Math.min(2 + random.nextInt(2), plans.size() - OPEN_FEATURES - next);
            cycle(plans.subList(next, next + count), true);
            next += count;
            release();
            if (minor == 2) {
                hotfix();
            }
        }
        cycle(plans.subList(next, plans.size()), false);
        heads.forEach((name, node) -> writer.branch(name, node.id()));
        return heads.get("main");
    }

    Instant lastCommitTime() {
        return now;
    }

    private void scaffold() throws IOException {
        ProjectState s = new ProjectState();
        s.put("version", "0.1.0");
        s.put("data.rev", "1");
        for (String[] req : new String[][] {{"dvc", "3.33.4"}, {"numpy", "1.26.2"}, {"pandas", "2.1.4"},
                {"pytest", "7.4.3"}, {"pyyaml", "6.0.1"}, {"scikit-learn", "1.3.2"}}) {
            s.put("req." + req[0], req[1]);
        }
        s.put("param.prepare.seed", "42");
        s.put("param.prepare.split", "0.2");
        s.put("param.featurize.max_categories", "50");
        s.put("param.train.model", "gradient_boosting");
        s.put("param.train.learning_rate", "0.1");
        s.put("param.train.n_estimators", "200");
        s.put("param.train.max_depth", "6");
        s.put("param.train.seed", "7");
        s.put("param.evaluate.threshold", "0.5");
        s.put(DemoFeature.named("tenure_months").factKey(), "1");
        s.put(DemoFeature.named("seats").factKey(), "1");
        Node root = commit(null, List.of(), Author.MAYA, Author.MAYA, "Initial project layout with DVC pipeline", s);
        heads.put("main", root);
        step("main", new Step("Add tests for the prepare step", x -> x.bump("test.prepare")), Author.MAYA);
        step("main", new Step("Document the pipeline stages in the README", x -> x.put("doc.pipeline", "1")), Author.MAYA);
        step("main", new Step("Lower learning_rate to 0.05", x -> x.put("param.train.learning_rate", "0.05")), Author.TOM);
        writer.lightweightTag("baseline-gbm", heads.get("main").id());
        writer.annotatedTag("v0.1.0", heads.get("main").id(), Author.MAYA.at(tick()),
                "Release 0.1.0\n\nBaseline gradient boosting model with the DVC pipeline.\n");
        heads.put("develop", heads.get("main"));
    }

    /** Works on {@code plans} side by side, with routine commits on develop in between. */
    private void cycle(List<FeaturePlan> plans, boolean merge) throws IOException {
        List<Deque<Step>> queues = new ArrayList<>();
        for (FeaturePlan plan : plans) {
            List<Step> steps = new ArrayList<>(plan.steps());
            int polish = 3 + random.nextInt(6);
            for (int i = 0; i < polish; i++) {
                steps.add(1 + random.nextInt(steps.size()), POLISH);
            }
            queues.add(new ArrayDeque<>(steps));
        }
        List<FeaturePlan> active = new ArrayList<>(plans);
        while (!active.isEmpty()) {
            int roll = random.nextInt(100);
            if (roll < 40) {
                Node develop = heads.get("develop");
                Step step = routine.next(develop.state(), LocalDate.ofInstant(now, ZoneOffset.UTC));
                Author author = step.author() != null ? step.author() : TEAM.get(random.nextInt(TEAM.size()));
                Node done = step("develop", step, author);
                if (step.author() == Author.MAYA && step.subject().contains("raw data") && random.nextBoolean()) {
                    writer.lightweightTag("data-" + LocalDate.ofInstant(now, ZoneOffset.UTC), done.id());
                }
                continue;
            }
            int pick = random.nextInt(active.size());
            FeaturePlan plan = active.get(pick);
            Deque<Step> queue = queues.get(plans.indexOf(plan));
            String branch = plan.branch();
            if (!heads.containsKey(branch)) {
                heads.put(branch, heads.get("develop"));
            } else if (roll > 95 && !isAncestor(heads.get("develop"), heads.get(branch))) {
                merge("develop", branch, plan.owner(), "Merge branch 'develop' into " + branch);
                continue;
            }
            Step step = queue.pollFirst();
            if (step == POLISH) {
                step = routine.polish(heads.get(branch).state(), plan);
            }
            step(branch, step, plan.owner());
            if (queue.isEmpty()) {
                active.remove(pick);
                if (merge) {
                    mergeRequest(plan);
                }
            }
        }
    }

    private void mergeRequest(FeaturePlan plan) throws IOException {
        Author reviewer;
        do {
            reviewer = random.nextInt(3) == 0 ? TEAM.get(random.nextInt(TEAM.size())) : Author.MAYA;
        } while (reviewer.equals(plan.owner()));
        mergeRequests++;
        String message = "Merge branch '" + plan.branch() + "' into 'develop'\n\n" + plan.title()
                + "\n\nSee merge request " + PROJECT + "!" + mergeRequests + "\n";
        merge(plan.branch(), "develop", reviewer, message);
    }

    private void release() throws IOException {
        minor++;
        String version = "0." + minor + ".0";
        step("develop", new Step("Bump version to " + version, s -> s.put("version", version)), Author.MAYA);
        Node released = merge("develop", "main", Author.MAYA, "Merge branch 'develop' into main for release " + version);
        writer.annotatedTag("v" + version, released.id(), Author.MAYA.at(tick()),
                "Release " + version + "\n\n" + mergedTitlesSinceLastRelease() + "\n");
    }

    private String mergedTitlesSinceLastRelease() {
        StringBuilder notes = new StringBuilder();
        for (FeaturePlan plan : FeaturePlans.all()) {
            if (heads.containsKey(plan.branch()) && isAncestor(heads.get(plan.branch()), heads.get("main"))
                    && announced.add(plan.topic())) {
                notes.append("- ").append(plan.title()).append('\n');
            }
        }
        return notes.length() == 0 ? "Maintenance release." : notes.toString().strip();
    }

    private void hotfix() throws IOException {
        String branch = "hotfix/nan-roc-auc";
        heads.put(branch, heads.get("main"));
        step(branch, new Step("Return null ROC AUC when the test split has one class",
                s -> s.put("code.evaluate.nan_guard", "1")), Author.TOM);
        step(branch, new Step("Bump version to 0.2.1", s -> s.put("version", "0.2.1")), Author.TOM);
        mergeRequests++;
        Node fixed = merge(branch, "main", Author.MAYA, "Merge branch '" + branch + "' into 'main'\n\n"
                + "Return null ROC AUC when the test split has one class\n\nSee merge request " + PROJECT + "!" + mergeRequests + "\n");
        writer.annotatedTag("v0.2.1", fixed.id(), Author.MAYA.at(tick()), "Release 0.2.1\n\n- Fix crash in evaluate on single-class splits\n");
        merge(branch, "develop", Author.MAYA, "Merge branch '" + branch + "' into develop");
    }

    private Node step(String branch, Step step, Author author) throws IOException {
        Node head = heads.get(branch);
        ProjectState state = head.state().copy();
        step.change().accept(state);
        Node node = commit(head, List.of(), author, author, step.subject(), state);
        heads.put(branch, node);
        return node;
    }

    private Node merge(String from, String into, Author who, String message) throws IOException {
        Node ours = heads.get(into);
        Node theirs = heads.get(from);
        ProjectState merged = ProjectState.merge(mergeBase(ours, theirs).state(), ours.state(), theirs.state());
        Node node = commit(ours, List.of(theirs), who, who, message, merged);
        heads.put(into, node);
        return node;
    }

    private Node commit(Node first, List<Node> others, Author author, Author committer, String message, ProjectState state)
            throws IOException {
        List<Node> parents = new ArrayList<>();
        if (first != null) {
            parents.add(first);
        }
        parents.addAll(others);
        Instant when = tick();
        ObjectId tree = writer.writeTree(ProjectFiles.render(state));
        String body = message.endsWith("\n") ? message : message + "\n";
        ObjectId id = writer.commit(tree, parents.stream().map(Node::id).toList(), author.at(when), committer.at(when), body);
        commits++;
        return new Node(id, tree, commits, List.copyOf(parents), state);
    }

    /** Advances the clock by a working gap; weekends are skipped, and time only ever moves forward. */
    private Instant tick() {
        now = now.plus(Duration.ofMinutes(20 + random.nextInt(1500)));
        DayOfWeek day = LocalDate.ofInstant(now, ZoneOffset.UTC).getDayOfWeek();
        if (day == DayOfWeek.SATURDAY) {
            now = now.plus(Duration.ofDays(2));
        } else if (day == DayOfWeek.SUNDAY) {
            now = now.plus(Duration.ofDays(1));
        }
        return now;
    }

    private static boolean isAncestor(Node candidate, Node of) {
        return ancestors(of).contains(candidate.id());
    }

    private static Set<ObjectId> ancestors(Node node) {
        Set<ObjectId> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (seen.add(n.id())) {
                todo.addAll(n.parents());
            }
        }
        return seen;
    }

    /** The most recent common ancestor: good enough for the simple merge shapes this script makes. */
    private static Node mergeBase(Node a, Node b) {
        Set<ObjectId> ofA = ancestors(a);
        PriorityQueue<Node> todo = new PriorityQueue<>((x, y) -> Integer.compare(y.seq(), x.seq()));
        Set<ObjectId> queued = new HashSet<>();
        todo.add(b);
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            if (ofA.contains(n.id())) {
                return n;
            }
            for (Node parent : n.parents()) {
                if (queued.add(parent.id())) {
                    todo.add(parent);
                }
            }
        }
        throw new IllegalStateException("branches without a common ancestor");
    }
}
