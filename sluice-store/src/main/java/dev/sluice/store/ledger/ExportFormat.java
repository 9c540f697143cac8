package dev.sluice.store.ledger;

import dev.sluice.api.error.GatewayException;

/** How query results are written. */
public enum ExportFormat {
    JSON("application/json"),
    CSV("text/csv; charset=utf-8"),
    JSONL("application/x-ndjson");

    private final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() { return contentType; }

    /** Parses {@code json}, {@code csv} or {@code jsonl}; null means JSON. */
    public static ExportFormat parse(String value) {
        if (value == null) {
            return JSON;
        }
        return switch (value) {
            case "json" -> JSON;
            case "csv" -> CSV;
            case "jsonl", "ndjson" -> JSONL;
            default -> throw GatewayException.invalid("format must be json, csv or jsonl, got '" + value + "'",
                    "format");
        };
    }
}
