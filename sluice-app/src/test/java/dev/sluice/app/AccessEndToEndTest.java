package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teams, use cases and virtual keys through the admin API of a real Sluice (embedded database): a key opens calls to
 * what its use case and team allow, each call is attributed to it in the ledger, and rotation, revocation and expiry
 * take effect at once; administration stays with the master key; secrets are shown once and nowhere else.
 */
class AccessEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private RunningSluice sluice;

    @Test
    void aKeyOpensWhatItsUseCaseAndTeamAllowAndIsAttributedRotatedAndRevoked() throws Exception {
        try (RunningSluice s = new RunningSluice("""
                providers: [{id: sim, type: simulator}]
                models:
                  - {name: m1, provider: sim, options: {reply: echo}}
                  - {name: m2, provider: sim, options: {reply: echo}}
                  - {name: m3, provider: sim, options: {reply: echo}}
                """, dir)) {
            sluice = s;
            JsonNode team = admin("POST", "/admin/teams", "{\"name\":\"search\",\"owner\":\"ada\",\"models\":"
                    + "[\"m1\",\"m2\"],\"limits\":{\"rpm\":100}}", 201);
            assertThat(team.path("limits").path("rpm").asInt()).isEqualTo(100);
            JsonNode useCase = admin("POST", "/admin/use-cases", "{\"team\":\"search\",\"name\":\"answers\","
                    + "\"models\":[\"m1\",\"m3\"]}", 201);
            JsonNode created = admin("POST", "/admin/keys", "{\"name\":\"answers-prod\",\"use_case\":\""
                    + useCase.path("id").asText() + "\",\"environment\":\"prod\",\"budget\":{\"limit_usd\":5,"
                    + "\"period\":\"month\"}}", 201);
            String secret = created.path("key").asText();
            String keyId = created.path("id").asText();
            assertThat(secret).startsWith("sk-sluice-").hasSizeGreaterThan(40);
            assertThat(created.path("prefix").asText()).isEqualTo(secret.substring(0, 16));
            assertThat(created.path("team").asText()).isEqualTo(team.path("id").asText());

            String listed = call("GET", "/admin/keys", RunningSluice.KEY, null).body();
            assertThat(listed).contains(keyId).contains(created.path("prefix").asText()).doesNotContain(secret);

            HttpResponse<String> ok = chat(secret, "m1");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            HttpResponse<String> byTeam = chat(secret, "m2");
            assertThat(byTeam.statusCode()).as("the use case does not allow m2").isEqualTo(403);
            assertThat(byTeam.body()).contains("m2");
            assertThat(chat(secret, "m3").statusCode()).as("the team does not allow m3").isEqualTo(403);

            JsonNode row = ledgerRow(ok.headers().firstValue("x-request-id").orElseThrow());
            assertThat(row.path("key_id").asText()).isEqualTo(keyId);
            assertThat(row.path("team_id").asText()).isEqualTo(team.path("id").asText());
            assertThat(row.path("use_case_id").asText()).isEqualTo(useCase.path("id").asText());

            assertThat(call("GET", "/admin/keys", secret, null).statusCode()).as("admin with a virtual key")
                    .isEqualTo(403);
            assertThat(call("GET", "/admin/keys", "sk-sluice-nope", null).statusCode()).isEqualTo(401);

            JsonNode rotated = admin("POST", "/admin/keys/" + keyId + "/rotate", "{\"grace_seconds\":0}", 200);
            String next = rotated.path("key").asText();
            assertThat(next).startsWith("sk-sluice-").isNotEqualTo(secret);
            assertThat(chat(secret, "m1").statusCode()).as("the old secret, no grace").isEqualTo(401);
            assertThat(chat(next, "m1").statusCode()).isEqualTo(200);

            admin("DELETE", "/admin/keys/" + keyId, null, 200);
            assertThat(chat(next, "m1").statusCode()).as("revoked").isEqualTo(401);

            JsonNode expired = admin("POST", "/admin/keys", "{\"name\":\"old\",\"expires_at\":\"2020-01-01T00:00:00Z\"}",
                    201);
            assertThat(chat(expired.path("key").asText(), "m1").statusCode()).as("expired").isEqualTo(401);

            String audit = call("GET", "/admin/audit?limit=100", RunningSluice.KEY, null).body();
            assertThat(audit).contains("key.create").contains("key.rotate").contains("key.revoke")
                    .contains("team.create").contains("use_case.create").doesNotContain(secret).doesNotContain(next);
        }
    }

    @Test
    void badBodiesAre400sNamingTheField() throws Exception {
        try (RunningSluice s = new RunningSluice("providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: m1, provider: sim}]\n", dir)) {
            sluice = s;
            assertField("{\"name\":\"k\",\"budget\":{\"limit_usd\":-1,\"period\":\"day\"}}", "budget.limit_usd");
            assertField("{\"name\":\"k\",\"budget\":{\"limit_usd\":1,\"period\":\"year\"}}", "budget.period");
            assertField("{\"name\":\"k\",\"limits\":{\"rpm\":\"lots\"}}", "limits.rpm");
            assertField("{\"name\":\"k\",\"limits\":{\"rpm\":0}}", "limits.rpm");
            assertField("{\"name\":\"k\",\"limits\":{\"tpm\":1000000000000}}", "limits.tpm");
            assertField("{\"nme\":\"k\"}", "nme");
            assertField("{\"limits\":{}}", "name");
            assertField("{\"name\":\"k\",\"team\":\"nobody\"}", "team");
            assertField("{\"name\":\"k\",\"expires_at\":\"tomorrow\"}", "expires_at");
            assertThat(call("POST", "/admin/keys", RunningSluice.KEY, "not json").statusCode()).isEqualTo(400);
            admin("POST", "/admin/teams", "{\"name\":\"t\"}", 201);
            assertThat(call("POST", "/admin/teams", RunningSluice.KEY, "{\"name\":\"t\"}").statusCode()).as("a taken name")
                    .isEqualTo(409);
            admin("POST", "/admin/use-cases", "{\"team\":\"t\",\"name\":\"u\"}", 201);
            assertThat(call("DELETE", "/admin/teams/t", RunningSluice.KEY, null).statusCode()).as("a team still in use")
                    .isEqualTo(409);
        }
    }

    @Test
    void theKeysCommandCreatesListsRotatesAndRevokes() throws Exception {
        try (RunningSluice s = new RunningSluice("providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: m1, provider: sim, options: {reply: echo}}]\n", dir)) {
            sluice = s;
            String url = s.baseUrl();
            String created = cli("keys", "create", "billing-bot", "--model", "m1", "--rpm", "60",
                    "--budget-usd", "12.5", "--url", url, "--key", RunningSluice.KEY);
            assertThat(created).startsWith("0\n").contains("secret, shown once: sk-sluice-")
                    .containsPattern("AWS access key id: ASLU[A-Z2-7]{16} ");
            String secret = created.substring(created.indexOf("sk-sluice-")).strip();
            String id = created.substring(created.indexOf("created key ") + 12, created.indexOf(" (billing-bot)"));
            assertThat(chat(secret, "m1").statusCode()).isEqualTo(200);

            String listed = cli("keys", "list", "--url", url, "--key", RunningSluice.KEY);
            assertThat(listed).startsWith("0\n").contains(id).contains("billing-bot").contains("m1")
                    .contains(secret.substring(0, 16) + "...").doesNotContain(secret);

            String rotated = cli("keys", "rotate", id, "--url", url, "--key", RunningSluice.KEY);
            assertThat(rotated).containsPattern("AWS access key id: ASLU[A-Z2-7]{16} ");
            String next = rotated.substring(rotated.indexOf("sk-sluice-")).strip();
            assertThat(chat(secret, "m1").statusCode()).isEqualTo(401);
            assertThat(chat(next, "m1").statusCode()).isEqualTo(200);

            assertThat(cli("keys", "revoke", id, "--url", url, "--key", RunningSluice.KEY))
                    .startsWith("0\n");
            assertThat(chat(next, "m1").statusCode()).isEqualTo(401);
            assertThat(cli("keys", "revoke", id, "--url", url, "--key", RunningSluice.KEY))
                    .as("already revoked").startsWith("2\n");
            assertThat(cli("keys", "create", "x", "--budget-usd", "-3", "--url", url, "--key",
                    RunningSluice.KEY)).startsWith("2\n").contains("limit_usd");
        }
    }

    @Test
    void twoNodesSharingADatabaseAgreeOnKeysWithinASecond() throws Exception {
        String schema = "t_access_" + Long.toHexString(System.nanoTime());
        String yaml = "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: " + schema + "}\n"
                + "providers: [{id: sim, type: simulator}]\nmodels: [{name: m1, provider: sim, options: {reply: echo}}]\n";
        try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
             RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
            sluice = a;
            JsonNode created = admin("POST", "/admin/keys", "{\"name\":\"shared\"}", 201);
            String secret = created.path("key").asText();
            sluice = b;
            long seen = untilStatus(secret, 200);
            assertThat(seen).as("ms until node B accepted a key created on node A").isLessThan(1_000);
            sluice = a;
            admin("DELETE", "/admin/keys/" + created.path("id").asText(), null, 200);
            assertThat(chat(secret, "m1").statusCode()).as("at once on the node that revoked it").isEqualTo(401);
            sluice = b;
            long refused = untilStatus(secret, 401);
            assertThat(refused).as("ms until node B refused a key revoked on node A").isLessThan(1_000);
        }
    }

    /** Milliseconds until a call with {@code key} answers {@code status} on the current node (gives up after 5 s). */
    private long untilStatus(String key, int status) throws Exception {
        long start = System.nanoTime();
        while (chat(key, "m1").statusCode() != status) {
            assertThat(System.nanoTime() - start).as("waited for " + status).isLessThan(5_000_000_000L);
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Runs the CLI in this JVM: the exit code, a newline, then what it printed on stdout and stderr. */
    static String cli(String... args) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        java.io.PrintStream both = new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int code = Main.run(args);
            return code + "\n" + said.toString(java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private void assertField(String body, String field) throws Exception {
        HttpResponse<String> r = call("POST", "/admin/keys", RunningSluice.KEY, body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("error").path("param").asText()).as(r.body()).isEqualTo(field);
    }

    private JsonNode admin(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = call(method, path, RunningSluice.KEY, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return call("POST", "/v1/chat/completions", key, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}");
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + key).header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ledgerRow(String requestId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = call("GET", "/admin/requests/" + requestId, RunningSluice.KEY, null);
            if (r.statusCode() == 200) {
                return Json.parse(r.body());
            }
            assertThat(System.nanoTime()).as("the call reached the ledger").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
