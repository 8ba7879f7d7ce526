package dev.braid.security.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file holds no code, but a broken header is how parser bugs are reached, so the
 * header is checked as the reference loader checks it: its size, that it is a JSON object of
 * tensors with known dtypes, shapes and offsets, that each tensor's bytes match its shape and
 * dtype, and that the tensors tile the data section exactly (no gaps, overlaps or bytes past the end).
 */
final class SafetensorsCheck {
    private static final Map<String, Integer> DTYPE_BITS = Map.ofEntries(Map.entry("BOOL", 8), Map.entry("U8", 8),
            Map.entry("I8", 8), Map.entry("F8_E5M2", 8), Map.entry("F8_E4M3", 8), Map.entry("F8_E8M0", 8),
            Map.entry("I16", 16), Map.entry("U16", 16), Map.entry("F16", 16), Map.entry("BF16", 16),
            Map.entry("I32", 32), Map.entry("U32", 32), Map.entry("F32", 32), Map.entry("F64", 64),
            Map.entry("I64", 64), Map.entry("U64", 64), Map.entry("C64", 64), Map.entry("F4", 4),
            Map.entry("F6_E2M3", 6), Map.entry("F6_E3M2", 6));
    private final ScanLimits limits;
    private final ObjectMapper json;

    SafetensorsCheck(ScanLimits limits) {
        this.limits = limits;
        this.json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxDocumentLength(limits.maxHeaderBytes()).build()).build());
    }

    void scan(InputStream in, long size, String location, ScanSink sink) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (prefix.length < 8) {
            sink.add(bad(location, "the file is shorter than the 8-byte header length"));
            return;
        }
        long headerLength = 0;
        for (int i = 7; i >= 0; i--) {
            headerLength = (headerLength << 8) | (prefix[i] & 0xff);
        }
        if (headerLength < 0 || headerLength > limits.maxHeaderBytes()) {
            sink.add(bad(location, "the header claims " + Long.toUnsignedString(headerLength) + " bytes, past the "
                    + limits.maxHeaderBytes() + "-byte limit"));
            return;
        }
        if (size >= 0 && 8 + headerLength > size) {
            sink.add(bad(location, "the header claims " + headerLength + " bytes but the file has " + size));
            return;
        }
        byte[] header = in.readNBytes((int) headerLength);
        if (header.length < headerLength) {
            sink.add(bad(location, "the file ends inside its header"));
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(header);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            sink.add(bad(location, "the header is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (root == null || !root.isObject()) {
            sink.add(bad(location, "the header is not a JSON object"));
            return;
        }
        long dataLength = size < 0 ? -1 : size - 8 - headerLength;
        String problem = tensors(root, dataLength);
        if (problem != null) {
            sink.add(bad(location, problem));
        }
    }

    /** Null when the tensors are consistent, else the first problem. */
    private static String tensors(JsonNode root, long dataLength) {
        List<long[]> spans = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode t = field.getValue();
            if (field.getKey().equals("__metadata__")) {
                if (!t.isObject() || !allText(t)) {
                    return "__metadata__ must map text to text";
                }
                continue;
            }
            String name = field.getKey();
            Integer bits = DTYPE_BITS.get(t.path("dtype").asText(""));
            if (bits == null) {
                return "tensor " + name + " has an unknown dtype " + t.path("dtype");
            }
            JsonNode shape = t.path("shape");
            JsonNode offsets = t.path("data_offsets");
            if (!shape.isArray() || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                    || !offsets.get(1).canConvertToLong()) {
                return "tensor " + name + " lacks a shape or a pair of data offsets";
            }
            long elements = 1;
            for (JsonNode dim : shape) {
                if (!dim.canConvertToLong() || dim.asLong() < 0) {
                    return "tensor " + name + " has a bad dimension " + dim;
                }
                try {
                    elements = Math.multiplyExact(elements, dim.asLong());
                } catch (ArithmeticException e) {
                    return "tensor " + name + " has a shape too large to address";
                }
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || (dataLength >= 0 && end > dataLength)) {
                return "tensor " + name + " has offsets [" + begin + ", " + end + "] outside the data section";
            }
            if (elements > Long.MAX_VALUE / bits || (elements * bits) % 8 != 0 || (elements * bits) / 8 != end - begin) {
                return "tensor " + name + " holds " + (end - begin) + " bytes but its shape and dtype need "
                        + (elements * (long) bits) / 8.0;
            }
            spans.add(new long[] {begin, end});
        }
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        long expected = 0;
        for (long[] span : spans) {
            if (span[0] != expected) {
                return span[0] < expected ? "tensors overlap at byte " + span[0] : "a gap of "
                        + (span[0] - expected) + " bytes lies between tensors at byte " + expected;
            }
            expected = span[1];
        }
        if (dataLength >= 0 && expected != dataLength) {
            return (dataLength - expected) + " bytes follow the last tensor";
        }
        return null;
    }

    private static boolean allText(JsonNode node) {
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Finding bad(String location, String why) {
        return new Finding(location, Rating.UNKNOWN, FindingKind.MALFORMED, "", "broken safetensors header: " + why);
    }
}
