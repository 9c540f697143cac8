package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * A virtual key used as an AWS key pair against a real Sluice on a socket: the AWS SDK for Java and boto3, configured
 * with the access key id and the key's secret and nothing else (no bearer token), call Bedrock's Converse through
 * SigV4; a wrong secret, an unknown or revoked key, a rotated-away pair are refused with AWS's error codes; a key pair
 * does not open the admin API.
 */
class SigV4EndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A Bedrock-style model id: its {@code :} is encoded in the path and encoded twice in what is signed. */
    private static final String MODEL = "us.sim.echo-v1:0";
    private static final String YAML = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: m1, provider: sim, options: {reply: echo}}
              - {name: 'us.sim.echo-v1:0', provider: sim, options: {reply: echo}}
            """;

    @TempDir
    Path dir;

    private RunningSluice sluice;

    @Test
    void theAwsSdkForJavaConversesWithAKeyPairAndAwsErrorCodesSayWhatIsWrong() throws Exception {
        try (RunningSluice s = new RunningSluice(YAML, dir)) {
            sluice = s;
            JsonNode created = admin("POST", "/admin/keys", "{\"name\":\"aws-app\"}", 201);
            String keyId = created.path("id").asText();
            String accessKeyId = created.path("aws_access_key_id").asText();
            String secret = created.path("key").asText();
            assertThat(accessKeyId).matches("ASLU[A-Z2-7]{16}");
            assertThat(admin("GET", "/admin/keys/" + keyId, null, 200).path("aws_access_key_id").asText())
                    .isEqualTo(accessKeyId);
            assertThat(call("GET", "/admin/keys", RunningSluice.KEY).body()).contains(accessKeyId)
                    .doesNotContain(secret);

            assertThat(converse(accessKeyId, secret, MODEL)).contains("Say hello");
            assertThat(converse(accessKeyId, secret, "m1")).contains("Say hello");
            assertThat(converseStream(accessKeyId, secret)).contains("Say hello");
            assertThat(awsError(accessKeyId, secret + "x")).isEqualTo("403 InvalidSignatureException");
            assertThat(awsError("ASLUAAAAAAAAAAAAAAAA", secret)).isEqualTo("403 UnrecognizedClientException");

            HttpResponse<String> adminBySigV4 = signedGet("/admin/keys", accessKeyId, secret);
            assertThat(adminBySigV4.statusCode()).as(adminBySigV4.body()).isEqualTo(403);
            assertThat(signedGet("/admin/keys", accessKeyId, secret + "x").statusCode()).isEqualTo(401);

            JsonNode rotated = admin("POST", "/admin/keys/" + keyId + "/rotate", "{\"grace_seconds\":3600}", 200);
            String accessKeyId2 = rotated.path("aws_access_key_id").asText();
            String secret2 = rotated.path("key").asText();
            assertThat(accessKeyId2).matches("ASLU[A-Z2-7]{16}").isNotEqualTo(accessKeyId);
            assertThat(converse(accessKeyId, secret, MODEL)).as("the old pair, in its grace").contains("Say hello");
            assertThat(converse(accessKeyId2, secret2, MODEL)).contains("Say hello");
            assertThat(awsError(accessKeyId2, secret)).as("the new id with the old secret")
                    .isEqualTo("403 InvalidSignatureException");

            JsonNode again = admin("POST", "/admin/keys/" + keyId + "/rotate", "{\"grace_seconds\":0}", 200);
            assertThat(awsError(accessKeyId, secret)).as("two rotations ago")
                    .isEqualTo("403 UnrecognizedClientException");
            assertThat(awsError(accessKeyId2, secret2)).as("rotated with no grace")
                    .isEqualTo("403 UnrecognizedClientException");
            String accessKeyId3 = again.path("aws_access_key_id").asText();
            String secret3 = again.path("key").asText();
            assertThat(converse(accessKeyId3, secret3, MODEL)).contains("Say hello");

            admin("DELETE", "/admin/keys/" + keyId, null, 200);
            assertThat(awsError(accessKeyId3, secret3)).as("revoked").isEqualTo("403 UnrecognizedClientException");
        }
    }

    @Test
    void boto3ConversesWithAKeyPairAsItsAwsCredentialsAndIsRefusedWithAWrongSecret() throws Exception {
        Assumptions.assumeTrue(boto3(), "python3 with boto3 is not installed");
        try (RunningSluice s = new RunningSluice(YAML, dir)) {
            sluice = s;
            JsonNode created = admin("POST", "/admin/keys", "{\"name\":\"boto3-app\"}", 201);
            Path script = dir.resolve("converse.py");
            Files.writeString(script, """
                    import json, os, sys
                    import boto3
                    from botocore.config import Config
                    from botocore.exceptions import ClientError
                    cfg = Config(retries={"max_attempts": 1})
                    def client(secret):
                        return boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=sys.argv[1],
                                            aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                                            aws_secret_access_key=secret, config=cfg)
                    good = client(os.environ["AWS_SECRET_ACCESS_KEY"])
                    question = [{"role": "user", "content": [{"text": "Say hello"}]}]
                    for model in sys.argv[2:]:
                        r = good.converse(modelId=model, messages=question)
                        print(json.dumps({"model": model, "text": r["output"]["message"]["content"][0]["text"]}))
                    try:
                        client(os.environ["AWS_SECRET_ACCESS_KEY"] + "x").converse(
                            modelId=sys.argv[2], messages=question)
                        print(json.dumps({"error": None}))
                    except ClientError as e:
                        print(json.dumps({"error": e.response["Error"]["Code"],
                                          "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
                    """);
            ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), s.baseUrl(), MODEL, "m1")
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_")); // no profile, no session token, no bearer token
            env.put("AWS_ACCESS_KEY_ID", created.path("aws_access_key_id").asText());
            env.put("AWS_SECRET_ACCESS_KEY", created.path("key").asText());
            env.put("AWS_CONFIG_FILE", dir.resolve("none").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                lines.add(Json.parse(line));
            }
            assertThat(lines).as(out).hasSize(3);
            assertThat(lines.get(0).path("model").asText()).isEqualTo(MODEL);
            assertThat(lines.get(0).path("text").asText()).contains("Say hello");
            assertThat(lines.get(1).path("text").asText()).contains("Say hello");
            assertThat(lines.get(2).path("error").asText()).isEqualTo("InvalidSignatureException");
            assertThat(lines.get(2).path("status").asInt()).isEqualTo(403);
        }
    }

    // ---- helpers

    private BedrockRuntimeClient client(String accessKeyId, String secret) {
        return BedrockRuntimeClient.builder().endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()).build())
                .build();
    }

    private static Message question() {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("Say hello")).build();
    }

    private String converse(String accessKeyId, String secret, String model) {
        try (BedrockRuntimeClient c = client(accessKeyId, secret)) {
            return c.converse(b -> b.modelId(model).messages(question())).output().message().content().getFirst()
                    .text();
        }
    }

    private String converseStream(String accessKeyId, String secret) throws Exception {
        try (BedrockRuntimeAsyncClient c = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .build()) {
            StringBuilder text = new StringBuilder();
            c.converseStream(ConverseStreamRequest.builder().modelId(MODEL).messages(question()).build(),
                    ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> text.append(d.delta().text())).build()).build())
                    .get(30, TimeUnit.SECONDS);
            return text.toString();
        }
    }

    /** The status and AWS error code that a converse with these credentials fails with. */
    private String awsError(String accessKeyId, String secret) {
        String[] seen = new String[1];
        assertThatThrownBy(() -> converse(accessKeyId, secret, MODEL)).isInstanceOfSatisfying(
                BedrockRuntimeException.class, e -> {
                    seen[0] = e.statusCode() + " " + e.awsErrorDetails().errorCode();
                    assertThat(e.getMessage()).doesNotContain(secret);
                });
        return seen[0];
    }

    /** A GET signed by the AWS SDK's signer, sent with the JDK's client. */
    private HttpResponse<String> signedGet(String path, String accessKeyId, String secret) throws Exception {
        URI uri = URI.create(sluice.baseUrl() + path);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret)).request(request)
                .payload(ContentStreamProvider.fromUtf8String(""))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the JDK's client sends the same Host itself
                values.forEach(v -> b.header(name, v));
            }
        });
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }

    private HttpResponse<String> call(String method, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                .header("authorization", "Bearer " + key).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean boto3() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
