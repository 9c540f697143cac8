package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server sees persistence through its observer: a priced model's answer carries its cost, and with content
 * capture on, the call's bodies are in the database once Sluice has stopped (cluster mode, 127.0.0.1:5432).
 */
class PersistenceObserverEndToEndTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir
    Path dir;

    @Test
    void aCallIsPricedInItsAnswerAndItsBodiesAreCaptured() throws Exception {
        String schema = "obs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String yaml = "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n" + """
                content_capture: {enabled: true}
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}, prices: {input: 1, output: 2}}]
                """;
        try {
            HttpResponse<String> answer;
            try (RunningSluice sluice = new RunningSluice(yaml, dir)) {
                answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + RunningSluice.KEY)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"messages\":"
                                + "[{\"role\":\"user\",\"content\":\"observe me\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } // stopping drains content capture into the database
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new BigDecimal(answer.headers().firstValue("x-sluice-cost-usd").orElseThrow())).isPositive();
            String requestId = answer.headers().firstValue("x-request-id").orElseThrow();
            try (Connection c = DriverManager.getConnection(PG); PreparedStatement ps = c.prepareStatement(
                    "select request_body, response_body from " + schema + ".call_content where request_id = ?")) {
                ps.setString(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("captured").isTrue();
                    assertThat(rs.getString(1)).contains("observe me");
                    assertThat(rs.getString(2)).isEqualTo(answer.body());
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }
}
