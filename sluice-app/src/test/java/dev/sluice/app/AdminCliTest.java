package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice usage} and {@code sluice audit verify} against a running Sluice with embedded storage. */
class AdminCliTest {

    @TempDir
    Path dir;

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void usageShowsTheLedgerAndAuditVerifiesTheChain() throws Exception {
        try (RunningSluice sluice = new RunningSluice("""
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                http.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + RunningSluice.KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"sim-echo\",\"messages\":"
                                + "[{\"role\":\"user\",\"content\":\"count me\"}]}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            String usage = "";
            for (int i = 0; i < 50 && !usage.contains("sim-echo"); i++) {
                Thread.sleep(100);
                usage = run("usage", "--url", sluice.baseUrl(), "--key", RunningSluice.KEY);
            }
            assertThat(usage).startsWith("0\n").contains("sim-echo").contains("requests");
            assertThat(usage.lines().filter(l -> l.startsWith("sim-echo")).findFirst().orElseThrow()).contains(" 3 ");

            String audit = run("audit", "verify", "--url", sluice.baseUrl(), "--key", RunningSluice.KEY);
            assertThat(audit).startsWith("0\n").contains("intact");

            assertThat(run("usage", "--url", sluice.baseUrl(), "--key", "sk-wrong")).startsWith("2\n");
        }
        assertThat(run("usage", "--url", "http://127.0.0.1:1", "--key", "k")).startsWith("2\n");
    }

    @Test
    void usageAgainstASluiceWithoutStorageSaysTheLedgerIsOff() throws Exception {
        try (RunningSluice sluice = new RunningSluice("""
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: sim-echo, provider: sim, options: {reply: echo}}]
                """, dir)) {
            PrintStream old = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String out;
            try {
                out = run("usage", "--url", sluice.baseUrl(), "--key", RunningSluice.KEY);
            } finally {
                System.setErr(old);
            }
            assertThat(out).startsWith("2\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("keeps no ledger").contains("storage: none")
                    .doesNotContain("No route");
            // the server says so itself, to any client, on every admin path and the feedback route
            for (String path : new String[] {"/admin/keys", "/admin/requests/req_1", "/v1/feedback"}) {
                java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sluice.baseUrl() + path))
                                .header("authorization", "Bearer " + RunningSluice.KEY).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).contains("keeps no ledger");
            }
        }
    }
}
