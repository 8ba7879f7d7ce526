package dev.braid.experiments.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ProtocolStringList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import wandb_internal.WandbInternal;

/**
 * Reads one W&B run folder ({@code run-<time>-<id>/} or {@code offline-run-<time>-<id>/}) from its
 * {@code run-<id>.wandb} log, without Python: the records W&B's client wrote, decoded with the
 * classes generated from W&B's own {@code .proto} files (see {@code src/main/protobuf/wandb}).
 * Later records win, as when W&B replays the log on {@code wandb sync}: config and summary updates
 * and removals apply in order, a later run record's fields replace earlier ones.
 */
public final class WandbRunReader {
    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Reads the run whose folder is {@code folder}. */
    public WandbRun read(Path folder) throws IOException, WandbFormatException {
        Path log = logOf(folder);
        State state = new State(folder);
        try (WandbLog records = WandbLog.open(log)) {
            for (byte[] bytes = records.next(); bytes != null; bytes = records.next()) {
                WandbInternal.Record record;
                try {
                    record = WandbInternal.Record.parseFrom(bytes);
                } catch (InvalidProtocolBufferException e) {
                    throw new WandbFormatException(log + ": a record is not a W&B Record message: " + e.getMessage(), e);
                }
                state.apply(record, log);
            }
            state.truncated = records.truncated();
        }
        if (state.runId == null) {
            throw new WandbFormatException(log + " holds no run record");
        }
        return state.toRun();
    }

    /** The {@code .wandb} log of a run folder. */
    static Path logOf(Path folder) throws IOException, WandbFormatException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".wandb") && Files.isRegularFile(p))
                    .sorted().toList();
            if (logs.isEmpty()) {
                throw new WandbFormatException(folder + " holds no .wandb log");
            }
            return logs.get(0);
        }
    }

    private static final class State {
        private final Path folder;
        private String runId;
        private String entity;
        private String project;
        private String name;
        private String notes;
        private List<String> tags = List.of();
        private String group;
        private String jobType;
        private String host;
        private Long startTime;
        private Integer exitCode;
        private Long runtimeMs;
        private String gitCommit;
        private String gitRemote;
        private final Map<String, JsonNode> config = new HashMap<>();
        private final Map<String, JsonNode> summary = new HashMap<>();
        private final Map<String, List<WandbRun.WandbPoint>> history = new LinkedHashMap<>();
        private final List<WandbRun.WandbArtifact> logged = new ArrayList<>();
        private final List<WandbRun.WandbArtifactUse> used = new ArrayList<>();
        private long lastTimestamp = -1;
        private boolean truncated;

        State(Path folder) {
            this.folder = folder;
        }

        void apply(WandbInternal.Record record, Path log) throws WandbFormatException {
            switch (record.getRecordTypeCase()) {
                case RUN -> run(record.getRun(), log);
                case CONFIG -> items(config, record.getConfig().getUpdateList(), record.getConfig().getRemoveList(), log);
                case SUMMARY -> items(summary, record.getSummary().getUpdateList(), record.getSummary().getRemoveList(), log);
                case HISTORY -> history(record.getHistory(), log);
                case EXIT -> {
                    exitCode = record.getExit().getExitCode();
                    runtimeMs = record.getExit().getRuntime() * 1000L;
                }
                case ARTIFACT -> logged.add(artifact(record.getArtifact()));
                case USE_ARTIFACT -> used.add(new WandbRun.WandbArtifactUse(blankToNull(record.getUseArtifact().getId()),
                        record.getUseArtifact().getName(), blankToNull(record.getUseArtifact().getType())));
                default -> {
                    // Output, stats, telemetry, files and the rest say nothing Braid shows.
                }
            }
        }

        private void run(WandbInternal.RunRecord run, Path log) throws WandbFormatException {
            runId = pick(run.getRunId(), runId);
            entity = pick(run.getEntity(), entity);
            project = pick(run.getProject(), project);
            name = pick(run.getDisplayName(), name);
            notes = pick(run.getNotes(), notes);
            group = pick(run.getRunGroup(), group);
            jobType = pick(run.getJobType(), jobType);
            host = pick(run.getHost(), host);
            if (run.getTagsCount() > 0) {
                tags = List.copyOf(run.getTagsList());
            }
            if (run.hasStartTime()) {
                startTime = run.getStartTime().getSeconds() * 1000L + run.getStartTime().getNanos() / 1_000_000;
            }
            if (run.hasGit()) {
                gitCommit = pick(run.getGit().getCommit(), gitCommit);
                gitRemote = pick(run.getGit().getRemoteUrl(), gitRemote);
            }
            if (run.hasConfig()) {
                items(config, run.getConfig().getUpdateList(), run.getConfig().getRemoveList(), log);
            }
            if (run.hasSummary()) {
                items(summary, run.getSummary().getUpdateList(), run.getSummary().getRemoveList(), log);
            }
        }

        /** Config and summary items share one shape (key or nested_key, value_json) in three message types. */
        private void items(Map<String, JsonNode> into, List<? extends com.google.protobuf.Message> updates,
                           List<? extends com.google.protobuf.Message> removes, Path log) throws WandbFormatException {
            for (com.google.protobuf.Message item : updates) {
                Item i = Item.of(item);
                into.put(i.key, parse(i.valueJson, log));
            }
            for (com.google.protobuf.Message item : removes) {
                into.remove(Item.of(item).key);
            }
        }

        private void history(WandbInternal.HistoryRecord record, Path log) throws WandbFormatException {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (WandbInternal.HistoryItem item : record.getItemList()) {
                values.put(key(item.getKey(), item.getNestedKeyList()), parse(item.getValueJson(), log));
            }
            JsonNode stepNode = values.get("_step");
            long step = record.hasStep() ? record.getStep().getNum() : stepNode != null ? stepNode.asLong() : 0;
            JsonNode time = values.get("_timestamp");
            long timestamp = time != null && time.isNumber() ? Math.round(time.asDouble() * 1000) : -1;
            if (timestamp >= 0) {
                lastTimestamp = Math.max(lastTimestamp, timestamp);
            }
            for (Map.Entry<String, JsonNode> e : values.entrySet()) {
                if (!e.getKey().startsWith("_") && isNumber(e.getValue())) {
                    history.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(new WandbRun.WandbPoint(step, Math.max(timestamp, 0), e.getValue().asDouble()));
                }
            }
        }

        private WandbRun toRun() {
            Long end = null;
            if (exitCode != null) {
                end = lastTimestamp >= 0 ? Long.valueOf(lastTimestamp)
                        : startTime == null || runtimeMs == null ? null : startTime + runtimeMs;
            }
            return new WandbRun(runId, entity, project, name, notes, tags, group, jobType, host, startTime, end, exitCode,
                    gitCommit, gitRemote, flatten(config), flatten(summary), history, logged, used, truncated,
                    folder.toAbsolutePath().normalize().toString());
        }
    }

    static boolean isNumber(JsonNode node) {
        return node != null && node.isNumber();
    }

    private static WandbRun.WandbArtifact artifact(WandbInternal.ArtifactRecord a) {
        List<WandbRun.ManifestEntry> files = new ArrayList<>();
        for (WandbInternal.ArtifactManifestEntry e : a.getManifest().getContentsList()) {
            files.add(new WandbRun.ManifestEntry(e.getPath(), e.getDigest(), e.getSize(), blankToNull(e.getRef())));
        }
        return new WandbRun.WandbArtifact(a.getName(), a.getType(), a.getDigest(), a.getAliasesList(), files);
    }

    /**
     * Flattens nested objects with dots, leaving out W&B's own {@code _wandb} entries; strings as
     * they are, other values as JSON text.
     */
    static TreeMap<String, String> flatten(Map<String, JsonNode> values) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            if (!e.getKey().equals("_wandb") && !e.getKey().startsWith("_wandb.")) {
                flattenInto(out, e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static void flattenInto(Map<String, String> out, String prefix, JsonNode value) {
        if (value.isObject() && !value.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flattenInto(out, prefix + "." + e.getKey(), e.getValue());
            }
        } else {
            out.put(prefix, value.isTextual() ? value.textValue() : value.toString());
        }
    }

    private static JsonNode parse(String json, Path log) throws WandbFormatException {
        if (PLAIN_NUMBER.matcher(json).matches()) {
            // Most values are plain numbers (a metric per step): skip the JSON parser for them.
            return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.parseDouble(json));
        }
        try {
            return JSON.readTree(json.isEmpty() ? "null" : json);
        } catch (JsonProcessingException e) {
            throw new WandbFormatException(log + ": a value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String key(String key, ProtocolStringList nested) {
        return nested.isEmpty() ? key : String.join(".", nested);
    }

    private static String pick(String value, String before) {
        return value == null || value.isEmpty() ? before : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The key and JSON value of a config, summary or history item. */
    private record Item(String key, String valueJson) {
        static Item of(com.google.protobuf.Message message) {
            if (message instanceof WandbInternal.ConfigItem c) {
                return new Item(WandbRunReader.key(c.getKey(), c.getNestedKeyList()), c.getValueJson());
            }
            if (message instanceof WandbInternal.SummaryItem s) {
                return new Item(WandbRunReader.key(s.getKey(), s.getNestedKeyList()), s.getValueJson());
            }
            throw new IllegalArgumentException("not a config or summary item: " + message.getClass());
        }
    }
}
