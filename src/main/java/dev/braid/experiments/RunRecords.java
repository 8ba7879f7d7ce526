package dev.braid.experiments;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RemoteRun} as bytes and back, field for field (nulls, order and texts of any length
 * kept), for the {@link RunSpool}. Only this process reads what it
 * wrote, so the layout has no version.
 */
final class RunRecords {
    private RunRecords() {
    }

    static void write(DataOutput out, RemoteRun run) throws IOException {
        text(out, run.runId());
        text(out, run.experimentId());
        text(out, run.runName());
        text(out, run.userId());
        text(out, run.status());
        number(out, run.startTime());
        number(out, run.endTime());
        text(out, run.lifecycleStage());
        text(out, run.artifactUri());
        map(out, run.params());
        out.writeInt(run.metrics().size());
        for (LatestMetric m : run.metrics()) {
            text(out, m.key());
            out.writeBoolean(m.value() != null);
            if (m.value() != null) {
                out.writeDouble(m.value());
            }
            out.writeLong(m.timestamp());
            out.writeLong(m.step());
        }
        map(out, run.tags());
        out.writeInt(run.datasets().size());
        for (DatasetInput d : run.datasets()) {
            text(out, d.name());
            text(out, d.digest());
            text(out, d.sourceType());
            text(out, d.source());
            text(out, d.context());
            text(out, d.schemaJson());
            text(out, d.profile());
        }
    }

    static RemoteRun read(DataInput in) throws IOException {
        String runId = text(in);
        String experimentId = text(in);
        String runName = text(in);
        String userId = text(in);
        String status = text(in);
        Long startTime = number(in);
        Long endTime = number(in);
        String lifecycleStage = text(in);
        String artifactUri = text(in);
        Map<String, String> params = map(in);
        int metricCount = in.readInt();
        List<LatestMetric> metrics = new ArrayList<>(metricCount);
        for (int i = 0; i < metricCount; i++) {
            String key = text(in);
            Double value = in.readBoolean() ? in.readDouble() : null;
            metrics.add(new LatestMetric(key, value, in.readLong(), in.readLong()));
        }
        Map<String, String> tags = map(in);
        int datasetCount = in.readInt();
        List<DatasetInput> datasets = new ArrayList<>(datasetCount);
        for (int i = 0; i < datasetCount; i++) {
            datasets.add(new DatasetInput(text(in), text(in), text(in), text(in), text(in), text(in), text(in)));
        }
        return new RemoteRun(runId, experimentId, runName, userId, status, startTime, endTime, lifecycleStage,
                artifactUri, params, metrics, tags, datasets);
    }

    private static void map(DataOutput out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            text(out, e.getKey());
            text(out, e.getValue());
        }
    }

    private static Map<String, String> map(DataInput in) throws IOException {
        int size = in.readInt();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            out.put(text(in), text(in));
        }
        return out;
    }

    private static void number(DataOutput out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long number(DataInput in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /**
     * A text of any length (DataOutput's own UTF form stops at 64 KB), or null, as its UTF-16 code
     * units: exact for every Java string, lone surrogates included, which UTF-8 would replace.
     */
    private static void text(DataOutput out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        int length = text.length();
        byte[] bytes = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            char ch = text.charAt(i);
            bytes[2 * i] = (byte) (ch >>> 8);
            bytes[2 * i + 1] = (byte) ch;
        }
        out.writeInt(length);
        out.write(bytes);
    }

    private static String text(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length * 2];
        in.readFully(bytes);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff));
        }
        return new String(chars);
    }
}
