package dev.braid.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The artifacts a demo training run logs: its final metrics as JSON, a model folder with an
 * {@code MLmodel} file and its requirements, and, when it logged a history, a small PNG chart of
 * it. The PNG is encoded here so the demo needs no imaging library.
 */
final class DemoArtifacts {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 160;
    private static final int MARGIN = 12;

    private DemoArtifacts() {
    }

    static void write(Path folder, String runId, Map<String, String> params, Map<String, Double> finals,
                      String plotted, List<Double> history) throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        Map<String, Double> sorted = new TreeMap<>(finals);
        int i = 0;
        for (Map.Entry<String, Double> metric : sorted.entrySet()) {
            json.append("  \"").append(metric.getKey()).append("\": ")
                    .append(String.format(Locale.ROOT, "%.4f", metric.getValue()))
                    .append(++i < sorted.size() ? ",\n" : "\n");
        }
        write(folder.resolve("metrics.json"), json.append("}\n").toString());
        String flavor = "xgboost".equals(params.get("model")) ? "xgboost" : "sklearn";
        write(folder.resolve("model/MLmodel"), "artifact_path: model\nflavors:\n  python_function:\n"
                + "    env:\n      virtualenv: python_env.yaml\n    loader_module: mlflow." + flavor + "\n"
                + "    python_version: 3.11.9\n  " + flavor + ":\n    code: null\n    serialization_format: "
                + ("xgboost".equals(flavor) ? "json" : "cloudpickle") + "\nmlflow_version: 3.1.0\nmodel_uuid: "
                + runId.substring(0, 16) + "\nrun_id: " + runId + "\n");
        write(folder.resolve("model/requirements.txt"), "mlflow==3.1.0\npandas==2.2.2\nscikit-learn==1.5.1\n"
                + ("xgboost".equals(flavor) ? "xgboost==2.1.0\n" : ""));
        if (history.size() > 1) {
            Files.createDirectories(folder.resolve("plots"));
            Files.write(folder.resolve("plots").resolve(plotted + ".png"), chart(history));
        }
    }

    /** A line chart of {@code values} on a light grid, as PNG bytes. */
    static byte[] chart(List<Double> values) {
        int[] pixels = new int[WIDTH * HEIGHT];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        for (int y = MARGIN; y < HEIGHT - MARGIN; y += (HEIGHT - 2 * MARGIN) / 4) {
            line(pixels, MARGIN, y, WIDTH - MARGIN, y, 0xE4E7EB);
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        int lastX = -1;
        int lastY = -1;
        for (int i = 0; i < values.size(); i++) {
            int x = MARGIN + (int) Math.round((WIDTH - 2.0 * MARGIN - 1) * i / (values.size() - 1));
            int y = HEIGHT - MARGIN - 1 - (int) Math.round((HEIGHT - 2.0 * MARGIN - 1) * (values.get(i) - min) / span);
            if (lastX >= 0) {
                line(pixels, lastX, lastY, x, y, 0x0969DA);
                line(pixels, lastX, lastY + 1, x, y + 1, 0x0969DA);
            }
            lastX = x;
            lastY = y;
        }
        return png(pixels);
    }

    private static void line(int[] pixels, int x0, int y0, int x1, int y1, int rgb) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            if (x0 >= 0 && x0 < WIDTH && y0 >= 0 && y0 < HEIGHT) {
                pixels[y0 * WIDTH + x0] = rgb;
            }
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static byte[] png(int[] pixels) {
        byte[] raw = new byte[HEIGHT * (1 + WIDTH * 3)];
        int at = 0;
        for (int y = 0; y < HEIGHT; y++) {
            raw[at++] = 0;
            for (int x = 0; x < WIDTH; x++) {
                int rgb = pixels[y * WIDTH + x];
                raw[at++] = (byte) (rgb >> 16);
                raw[at++] = (byte) (rgb >> 8);
                raw[at++] = (byte) rgb;
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(WIDTH).putInt(HEIGHT).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] tag = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(tag);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(tag);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
