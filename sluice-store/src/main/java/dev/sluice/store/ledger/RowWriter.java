package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes rows one at a time as CSV (RFC 4180, header from the first row) or JSON Lines. */
abstract class RowWriter {

    protected final OutputStream out;

    private RowWriter(OutputStream out) {
        this.out = out;
    }

    static RowWriter of(ExportFormat format, OutputStream out) {
        return switch (format) {
            case CSV -> new Csv(out);
            case JSONL, JSON -> new JsonLines(out);
        };
    }

    abstract void write(Map<String, Object> row) throws IOException;

    void finish() throws IOException {
        out.flush();
    }

    private static final class JsonLines extends RowWriter {
        JsonLines(OutputStream out) {
            super(out);
        }

        @Override
        void write(Map<String, Object> row) throws IOException {
            out.write(Json.MAPPER.writeValueAsBytes(row));
            out.write('\n');
        }
    }

    private static final class Csv extends RowWriter {
        private boolean headerWritten;

        Csv(OutputStream out) {
            super(out);
        }

        @Override
        void write(Map<String, Object> row) throws IOException {
            StringBuilder line = new StringBuilder();
            if (!headerWritten) {
                line.append(String.join(",", row.keySet().stream().map(Csv::quote).toList())).append("\r\n");
                headerWritten = true;
            }
            boolean first = true;
            for (Object value : row.values()) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                line.append(quote(cell(value)));
            }
            line.append("\r\n");
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static String cell(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof BigDecimal d) {
                return d.toPlainString();
            }
            if (value instanceof JsonNode node) {
                return Json.text(node);
            }
            return value.toString();
        }

        private static String quote(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }
}
