package dev.sluice.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Chat load against a child Sluice, and what of it reached the ledger (a cluster-mode schema): for stop tests. */
final class LedgerLoad {

    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private LedgerLoad() { }

    /** Calls until stopped or the server is gone; keeps the ids of answers read whole with status 200. */
    static Void load(String base, boolean stream, Set<String> acked, AtomicBoolean stop) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String body = "{\"model\":\"sim-echo\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (!stop.get()) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                boolean whole = r.statusCode() == 200 && (!stream || r.body().contains("data: [DONE]"));
                if (whole) {
                    acked.add(r.headers().firstValue("x-request-id").orElseThrow());
                }
            } catch (Exception gone) {
                if (stop.get()) {
                    return null;
                }
            }
        }
        return null;
    }

    /** How many of {@code ids} have a ledger row, and how many rows they have. */
    static long[] inLedger(String schema, Set<String> ids) throws Exception {
        try (Connection c = DriverManager.getConnection(PG);
             PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT request_id), count(*) FROM " + schema
                     + ".ledger WHERE request_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (java.sql.SQLException noTableYet) {
            return new long[] {0, 0};
        }
    }
}
