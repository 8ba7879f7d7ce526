package dev.braid.pipelines.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jenkins' JSON API as its remote-access documentation and the Pipeline Stage View plugin's REST API
 * describe them: a folder {@code acme} holding a multibranch Pipeline {@code churn} whose branch jobs
 * ({@code main}, {@code feature/fast} named {@code feature%2Ffast}, so {@code job/feature%252Ffast} in
 * URLs) hold the builds; {@code allBuilds{M,N}} ranges, newest first; builds with
 * {@code lastBuiltRevision} and causes; {@code wfapi/describe} stages; a stage node's
 * {@code execution/node/{id}/wfapi/describe} with its steps ({@code stageFlowNodes}) and each step's
 * {@code wfapi/log} (HTML, the last 10 KB with {@code hasMore}); {@code consoleText}. HTTP basic
 * authentication with a user and an API token.
 *
 * <p>Jenkins publishes no OpenAPI description of its remote API (each server describes itself at
 * {@code /api}, and the Stage View REST API is documented in the plugin's README), so payloads
 * follow those documents and are not checked against a schema.
 */
public final class JenkinsReplay implements ReplayServer.Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB = Pattern.compile("((?:/job/[^/]+)+)/(?:(\\d+)/)?(api/json|wfapi/describe|consoleText)");
    private static final Pattern NODE = Pattern.compile("((?:/job/[^/]+)+)/(\\d+)/execution/node/(\\d+)/wfapi/(describe|log)");
    /** The most characters of one step's log {@code wfapi/log} sends (the plugin's default), its end. */
    public static final int NODE_LOG_CHARS = 10 * 1024;
    private static final Pattern RANGE = Pattern.compile("\\{(\\d+),(\\d+)}$");
    private final CiHistory history;
    private final String auth;
    private volatile String base = "http://127.0.0.1";

    public JenkinsReplay(CiHistory history, String user, String token) {
        this.history = history;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    public void base(String url) {
        this.base = url;
    }

    /** The branch job a run belongs to, as Jenkins names it. */
    public static String branchJob(CiHistory.Run run) {
        return run.ref.equals("main") ? "main" : "feature%2Ffast";
    }

    /** The builds of one branch job, oldest first; the build number is the position + 1. */
    private List<CiHistory.Run> builds(String branch) {
        List<CiHistory.Run> out = new ArrayList<>();
        for (CiHistory.Run run : history.runs()) {
            if (branchJob(run).equals(branch)) {
                out.add(run);
            }
        }
        return out;
    }

    /** A run's id in Braid for a source on the folder {@code acme}: the branch job's path below it, and its build number. */
    public String runId(CiHistory.Run run) {
        return "churn/" + branchJob(run) + "/" + (builds(branchJob(run)).indexOf(run) + 1);
    }

    @Override
    public ReplayServer.Reply answer(ReplayServer.Request r) {
        if (!auth.equals(r.header("Authorization"))) {
            return new ReplayServer.Reply(401, new LinkedHashMap<>(Map.of("Content-Type", "text/html",
                    "WWW-Authenticate", "Basic realm=\"Jenkins\"")), "<html><body>Unauthorized</body></html>".getBytes());
        }
        Matcher node = NODE.matcher(r.path());
        if (node.matches()) {
            return node(names(node.group(1)), Integer.parseInt(node.group(2)), node.group(3), node.group(4));
        }
        Matcher m = JOB.matcher(r.path());
        if (!m.matches()) {
            return ReplayServer.Reply.text(404, "Not Found");
        }
        List<String> names = new ArrayList<>();
        for (String part : m.group(1).substring(5).split("/job/")) {
            names.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
        }
        String kind = m.group(3);
        if (names.equals(List.of("acme"))) {
            return folder("com.cloudbees.hudson.plugins.folder.Folder", "acme", List.of("churn"));
        }
        if (names.equals(List.of("acme", "churn"))) {
            return folder("org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject", "churn",
                    List.of("feature%2Ffast", "main"));
        }
        if (names.size() != 3 || !names.subList(0, 2).equals(List.of("acme", "churn"))) {
            return ReplayServer.Reply.text(404, "Not Found");
        }
        List<CiHistory.Run> builds = builds(names.get(2));
        if (m.group(2) == null) {
            if (!kind.equals("api/json")) {
                return ReplayServer.Reply.text(404, "Not Found");
            }
            String tree = r.param("tree");
            int from = 0;
            int to = Integer.MAX_VALUE;
            Matcher range = RANGE.matcher(tree == null ? "" : tree);
            if (range.find()) {
                from = Integer.parseInt(range.group(1));
                to = Integer.parseInt(range.group(2));
            }
            ObjectNode job = JSON.createObjectNode();
            job.put("_class", "org.jenkinsci.plugins.workflow.job.WorkflowJob");
            ArrayNode list = job.putArray(tree != null && tree.startsWith("allBuilds") ? "allBuilds" : "builds");
            for (int i = builds.size() - 1 - from, n = 0; i >= 0 && n < to - from; i--, n++) {
                list.add(build(names.get(2), i + 1, builds.get(i)));
            }
            return ReplayServer.Reply.json(200, job.toString());
        }
        int number = Integer.parseInt(m.group(2));
        if (number < 1 || number > builds.size()) {
            return ReplayServer.Reply.text(404, "Not Found");
        }
        CiHistory.Run run = builds.get(number - 1);
        return switch (kind) {
            case "api/json" -> ReplayServer.Reply.json(200, build(names.get(2), number, run).toString());
            case "wfapi/describe" -> ReplayServer.Reply.json(200, describe(number, run).toString());
            default -> ReplayServer.Reply.text(200, run.jobs.stream().map(CiLogs::log).reduce("", String::concat));
        };
    }

    private static List<String> names(String jobs) {
        List<String> names = new ArrayList<>();
        for (String part : jobs.substring(5).split("/job/")) {
            names.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
        }
        return names;
    }

    /**
     * A stage node's description (the steps that ran in it, {@code stageFlowNodes}) or a step's log,
     * as the Pipeline REST API answers them: each stage (node id {@code s}) ran a message step
     * ({@code s+1}) and a shell step ({@code s+2}) whose output is the job's log; logs are HTML.
     */
    private ReplayServer.Reply node(List<String> names, int number, String nodeId, String what) {
        if (names.size() != 3 || !names.subList(0, 2).equals(List.of("acme", "churn"))) {
            return ReplayServer.Reply.text(404, "Not Found");
        }
        List<CiHistory.Run> builds = builds(names.get(2));
        if (number < 1 || number > builds.size()) {
            return ReplayServer.Reply.text(404, "Not Found");
        }
        int id = Integer.parseInt(nodeId);
        Map<Integer, CiHistory.Job> stages = stages(builds.get(number - 1));
        String href = "/job/acme/job/churn/job/" + names.get(2).replace("%", "%25") + "/" + number + "/execution/node/";
        if (what.equals("describe")) {
            CiHistory.Job job = stages.get(id);
            if (job == null) {
                return ReplayServer.Reply.text(404, "Not Found");
            }
            ObjectNode d = JSON.createObjectNode();
            d.putObject("_links").putObject("self").put("href", href + id + "/wfapi/describe");
            d.put("id", Integer.toString(id));
            d.put("name", job.name);
            d.put("status", stageStatus(job));
            d.put("startTimeMillis", job.started);
            d.put("durationMillis", job.finished == null ? 0 : job.finished - job.started);
            ArrayNode steps = d.putArray("stageFlowNodes");
            for (int step = 1; step <= 2; step++) {
                ObjectNode s = steps.addObject();
                ObjectNode links = s.putObject("_links");
                links.putObject("self").put("href", href + (id + step) + "/wfapi/describe");
                links.putObject("log").put("href", href + (id + step) + "/wfapi/log");
                s.put("id", Integer.toString(id + step));
                s.put("name", step == 1 ? "Print Message" : "Shell Script");
                s.put("execNode", job.runner);
                boolean failedHere = step == 2 && job.status.equals("failed");
                s.put("status", step == 1 ? "SUCCESS" : stageStatus(job));
                s.put("parameterDescription", step == 1 ? "entering " + job.name : "make " + job.name);
                if (failedHere) {
                    ObjectNode error = s.putObject("error");
                    error.put("message", "script returned exit code 1");
                    error.put("type", "hudson.AbortException");
                }
                s.put("startTimeMillis", job.started);
                s.put("durationMillis", job.finished == null ? 0 : job.finished - job.started);
                s.putArray("parentNodes").add(Integer.toString(step == 1 ? id : id + 1));
            }
            return ReplayServer.Reply.json(200, d.toString());
        }
        CiHistory.Job job = stages.get(id - 1) != null ? stages.get(id - 1) : stages.get(id - 2);
        if (job == null) {
            return ReplayServer.Reply.text(404, "Not Found");
        }
        String text = stages.get(id - 1) != null ? "Entering stage " + job.name + " <" + job.runner + "> & friends\n" : CiLogs.log(job);
        int kept = Math.min(text.length(), NODE_LOG_CHARS);
        ObjectNode log = JSON.createObjectNode();
        log.put("nodeId", Integer.toString(id));
        log.put("nodeStatus", stages.get(id - 1) != null ? "SUCCESS" : stageStatus(job));
        log.put("length", kept);
        log.put("hasMore", text.length() > kept);
        log.put("text", html(text.substring(text.length() - kept)));
        log.put("consoleUrl", href + id + "/log");
        return ReplayServer.Reply.json(200, log.toString());
    }

    /** Jenkins writes logs as HTML: the text escaped. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The stages {@code wfapi/describe} lists for a run, by node id: the newest attempt of each job. */
    private static Map<Integer, CiHistory.Job> stages(CiHistory.Run run) {
        Map<Integer, CiHistory.Job> out = new LinkedHashMap<>();
        int id = 6;
        for (CiHistory.Job job : run.jobs) {
            if (run.jobs.stream().anyMatch(o -> o != job && o.name.equals(job.name) && o.attempt > job.attempt)) {
                continue;
            }
            out.put(id, job);
            id += 7;
        }
        return out;
    }

    private static String stageStatus(CiHistory.Job job) {
        return switch (job.status) {
            case "failed" -> "FAILED";
            case "canceled" -> "ABORTED";
            case "running" -> "IN_PROGRESS";
            default -> "SUCCESS";
        };
    }

    private static ReplayServer.Reply folder(String type, String name, List<String> children) {
        ObjectNode o = JSON.createObjectNode();
        o.put("_class", type);
        o.put("name", name);
        ArrayNode jobs = o.putArray("jobs");
        for (String child : children) {
            ObjectNode j = jobs.addObject();
            j.put("_class", type.contains("MultiBranch") ? "org.jenkinsci.plugins.workflow.job.WorkflowJob"
                    : "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject");
            j.put("name", child);
        }
        return ReplayServer.Reply.json(200, o.toString());
    }

    private ObjectNode build(String branch, int number, CiHistory.Run run) {
        ObjectNode b = JSON.createObjectNode();
        b.put("_class", "org.jenkinsci.plugins.workflow.job.WorkflowRun");
        b.put("number", number);
        boolean building = run.finished == null;
        b.put("building", building);
        if (building) {
            b.putNull("result");
        } else {
            b.put("result", switch (run.status) {
                case "failed" -> "FAILURE";
                case "canceled" -> "ABORTED";
                default -> "SUCCESS";
            });
        }
        b.put("timestamp", run.started);
        b.put("duration", building ? 0 : run.finished - run.started);
        b.put("displayName", "#" + number);
        b.put("url", base + "/job/acme/job/churn/job/" + branch.replace("%", "%25") + "/" + number + "/");
        ArrayNode actions = b.putArray("actions");
        ObjectNode causes = actions.addObject();
        causes.put("_class", "hudson.model.CauseAction");
        ObjectNode cause = causes.putArray("causes").addObject();
        cause.put("_class", "jenkins.branch.BranchEventCause");
        cause.put("shortDescription", "Push event to branch " + run.ref);
        actions.addObject();
        ObjectNode data = actions.addObject();
        data.put("_class", "hudson.plugins.git.util.BuildData");
        ObjectNode revision = data.putObject("lastBuiltRevision");
        revision.put("SHA1", run.sha);
        revision.putArray("branch").addObject().put("name", "refs/remotes/origin/" + run.ref);
        return b;
    }

    private static ObjectNode describe(int number, CiHistory.Run run) {
        ObjectNode d = JSON.createObjectNode();
        d.put("id", Integer.toString(number));
        d.put("name", "#" + number);
        d.put("status", run.finished == null ? "IN_PROGRESS" : run.status.equals("failed") ? "FAILED" : "SUCCESS");
        d.put("startTimeMillis", run.started);
        d.put("queueDurationMillis", run.started - run.created);
        ArrayNode stages = d.putArray("stages");
        int id = 6;
        for (CiHistory.Job job : run.jobs) {
            if (run.jobs.stream().anyMatch(o -> o != job && o.name.equals(job.name) && o.attempt > job.attempt)) {
                continue;
            }
            ObjectNode s = stages.addObject();
            s.put("id", Integer.toString(id));
            id += 7;
            s.put("name", job.name);
            s.put("execNode", job.runner);
            s.put("status", switch (job.status) {
                case "failed" -> "FAILED";
                case "canceled" -> "ABORTED";
                case "running" -> "IN_PROGRESS";
                default -> "SUCCESS";
            });
            s.put("startTimeMillis", job.started);
            s.put("durationMillis", job.finished == null ? 0 : job.finished - job.started);
            s.put("pauseDurationMillis", 0);
        }
        return d;
    }
}
