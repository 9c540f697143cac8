package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Timeouts;
import dev.sluice.spi.http.AbortableResponse;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.TestAttempt;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PooledTransportTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final PooledTransport transport = new PooledTransport();
    private final TestAttempt attempt = new TestAttempt(new Deployment("public", "p1", "upstream-model",
            JsonNodeFactory.instance.objectNode(), Timeouts.DEFAULT));

    @AfterEach
    void close() {
        transport.close();
        upstream.close();
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(URI.create(upstream.baseUri() + path))
                .header("content-type", "application/json").header("traceparent", "00-abc-def-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    @Test
    void sendsMethodHeadersAndBodyAndReturnsTheAnswer() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(201).addHeader("x-upstream", "yes").body("{\"ok\":true}")
                .build());
        HttpResponse<InputStream> r = transport.send(post("/v1/x"), "{\"q\":1}".getBytes(StandardCharsets.UTF_8),
                attempt, false);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Upstream")).hasValue("yes");
        try (InputStream in = r.body()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getHeaders().get("traceparent")).isEqualTo("00-abc-def-01");
        assertThat(sent.getBody().utf8()).isEqualTo("{\"q\":1}");
        assertThat(sent.getHeaders().get("accept-encoding")).as("no compression negotiated").isNull();
    }

    @Test
    void abortingUnblocksAStalledReadAtOnce() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100))
                .throttleBody(1, 10, TimeUnit.SECONDS).build());
        HttpResponse<InputStream> r = transport.send(post("/stall"), new byte[0], attempt, true);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ((AbortableResponse) r).abort();
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(IOException.class);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void cancellingTheAttemptAbortsAWaitForTheHeaders() {
        upstream.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).body("late").build());
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            attempt.cancel(); // what the watchdog does at the first-token or total timeout
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> transport.send(post("/silent"), new byte[0], attempt, false))
                .isInstanceOf(IOException.class);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void anAttemptCancelledBeforeSendingNeverReachesTheUpstream() {
        attempt.cancel();
        assertThatThrownBy(() -> transport.send(post("/never"), new byte[0], attempt, false))
                .isInstanceOf(IOException.class);
        assertThat(upstream.requestCount()).isZero();
    }
}
