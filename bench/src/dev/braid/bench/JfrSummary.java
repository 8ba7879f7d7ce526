package dev.braid.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording's samples went: the hottest top frames (Java execution samples, and native
 * method samples such as time inside SQLite, marked [native]), and for each sample the first Braid
 * frame on the stack (which of our methods the time is spent under). Native samples include time
 * a thread spends blocked in native code, so read them as wall time, not CPU.
 *
 * <pre>java dev.braid.bench.JfrSummary recording.jfr [thread-name-prefix [from-epoch-ms to-epoch-ms]]</pre>
 */
public final class JfrSummary {
    public static void main(String[] args) throws Exception {
        String thread = args.length > 1 ? args[1] : "";
        long from = args.length > 3 ? Long.parseLong(args[2]) : Long.MIN_VALUE;
        long to = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            boolean inNative = type.equals("jdk.NativeMethodSample");
            if (!(inNative || type.equals("jdk.ExecutionSample")) || event.getStackTrace() == null) {
                continue;
            }
            long at = event.getStartTime().toEpochMilli();
            if (at < from || at > to) {
                continue;
            }
            String threadName = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            if (threadName == null || !threadName.startsWith(thread)) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge((inNative ? "[native] " : "") + name(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame frame : frames) {
                if (frame.getMethod().getType().getName().startsWith("dev.braid.") && !frame.getMethod().getType().getName().startsWith("dev.braid.bench")) {
                    ours.merge(name(frame), 1, Integer::sum);
                    break;
                }
            }
        }
        System.out.println("samples: " + samples + (thread.isEmpty() ? "" : " on threads " + thread + "*"));
        print("hottest methods (top frame)", top, samples);
        print("innermost Braid method on the stack", ours, samples);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
