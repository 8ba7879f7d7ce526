package dev.braid.security.scan;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model ({@code ModelProto}), read field by field from the protobuf wire format without
 * generated classes (only the few fields that matter here): every tensor in the graph, its
 * subgraphs, training graphs and functions is checked for external data, and a {@code location}
 * that leaves the model's folder (absolute, or climbing with {@code ..}) is a finding, since
 * loading the model would read that file (the path traversal of CVE-2022-25882 and its kin).
 * Weights are skipped, never copied.
 */
final class OnnxCheck {
    private static final int MAX_NESTING = 64;
    /** For each message type: field number → the message type it holds (the rest are skipped). */
    private static final Map<String, Map<Integer, String>> SCHEMA = Map.of(
            "model", Map.of(7, "graph", 20, "training", 25, "function"),
            "graph", Map.of(1, "node", 5, "tensor", 15, "sparse"),
            "node", Map.of(5, "attribute"),
            "attribute", Map.of(5, "tensor", 6, "graph", 10, "tensor", 11, "graph", 22, "sparse", 23, "sparse"),
            "sparse", Map.of(1, "tensor", 2, "tensor"),
            "training", Map.of(1, "graph", 2, "graph"),
            "function", Map.of(4, "node"),
            "tensor", Map.of(13, "entry"),
            "entry", Map.of());
    private final ScanLimits limits;

    OnnxCheck(ScanLimits limits) {
        this.limits = limits;
    }

    void scan(InputStream in, String location, ScanSink sink) throws IOException {
        CodedInputStream coded = CodedInputStream.newInstance(in);
        coded.setSizeLimit(Integer.MAX_VALUE);
        coded.setRecursionLimit(MAX_NESTING * 2);
        List<String> locations = new ArrayList<>();
        try {
            message(coded, "model", 0, locations, new String[2]);
        } catch (InvalidProtocolBufferException e) {
            sink.add(new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "", "not a readable ONNX model: "
                    + e.getMessage()));
            return;
        }
        String folder = location.contains("/") ? location.substring(0, location.lastIndexOf('/')) : "";
        for (String path : locations) {
            String why = escapes(path);
            if (why != null) {
                sink.add(new Finding(location, Rating.DANGEROUS, FindingKind.EXTERNAL_DATA, path, "a tensor's external"
                        + " data is " + path + ", " + why + (folder.isEmpty() ? "" : " (" + folder + ")")));
            }
        }
    }

    /**
     * Reads one message of {@code type} up to the current limit, collecting external-data
     * locations; {@code entry} holds a key/value pair while an external-data entry is read.
     */
    private void message(CodedInputStream in, String type, int depth, List<String> locations, String[] entry)
            throws IOException {
        if (depth > MAX_NESTING) {
            throw new InvalidProtocolBufferException("graphs nested more than " + MAX_NESTING + " levels deep");
        }
        Map<Integer, String> fields = SCHEMA.get(type);
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (type.equals("entry") && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED && (number == 1 || number == 2)) {
                entry[number - 1] = in.readStringRequireUtf8();
                continue;
            }
            String inner = fields.get(number);
            if (inner == null || wire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                if (!in.skipField(tag)) {
                    return;
                }
                continue;
            }
            int length = in.readRawVarint32();
            if (length < 0 || length > limits.maxMemberBytes()) {
                throw new InvalidProtocolBufferException("a field claims " + length + " bytes");
            }
            int old = in.pushLimit(length);
            String[] pair = inner.equals("entry") ? new String[2] : entry;
            message(in, inner, depth + 1, locations, pair);
            if (inner.equals("entry") && "location".equals(pair[0]) && pair[1] != null) {
                locations.add(pair[1]);
            }
            in.skipRawBytes(in.getBytesUntilLimit());
            in.popLimit(old);
        }
    }

    /** Why reading {@code path} relative to the model's folder would leave that folder, or null when it stays inside. */
    static String escapes(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.startsWith("~")) {
            return "an absolute path outside the model's folder";
        }
        int depth = 0;
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return "a path that climbs out of the model's folder";
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return null;
    }
}
