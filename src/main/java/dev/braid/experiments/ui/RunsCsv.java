package dev.braid.experiments.ui;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes table rows as CSV (RFC 4180): a header line, then one line per row; fields holding a
 * comma, quote or line break are quoted, with quotes doubled. Lines end with CRLF as the RFC says.
 */
final class RunsCsv {
    private RunsCsv() {
    }

    static void write(Writer out, List<String> header, List<List<String>> rows) throws IOException {
        line(out, header);
        for (List<String> row : rows) {
            line(out, row);
        }
        out.flush();
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
