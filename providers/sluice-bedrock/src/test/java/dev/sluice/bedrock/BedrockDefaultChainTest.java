package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no key in the settings and none in Sluice's environment, SigV4 credentials come from the AWS SDK's default
 * chain. The chain is pointed at files of this test through the SDK's system properties, so the machine's own AWS
 * setup (if any) plays no part; the instance-metadata lookup is switched off so that nothing leaves the machine.
 */
class BedrockDefaultChainTest {

    private static final String[] PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
        "aws.sharedCredentialsFile", "aws.configFile", "aws.profile", "aws.disableEc2Metadata"};

    final FakeUpstream upstream = new FakeUpstream();
    final Map<String, String> saved = new HashMap<>();
    @TempDir
    Path dir;

    @BeforeEach
    void isolateTheChain() throws Exception {
        assumeTrue(unset("AWS_ACCESS_KEY_ID") && unset("AWS_WEB_IDENTITY_TOKEN_FILE")
                && unset("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") && unset("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
                "the process environment holds AWS credentials, which the default chain would read first");
        for (String p : PROPERTIES) {
            String value = System.getProperty(p);
            if (value != null) {
                saved.put(p, value);
            }
            System.clearProperty(p);
        }
        Path config = Files.writeString(dir.resolve("config"), "");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    /** Blank counts as unset, for the SDK as for the build, which blanks AWS_ACCESS_KEY_ID for every test. */
    private static boolean unset(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }

    @AfterEach
    void restore() {
        upstream.close();
        for (String p : PROPERTIES) {
            System.clearProperty(p);
        }
        saved.forEach(System::setProperty);
    }

    Provider provider() {
        var settings = Json.object().put("id", "br").put("type", "bedrock").put("region", "us-east-1")
                .put("base_url", upstream.baseUri().toString());
        return new BedrockProviderFactory().create(new ProviderSpec("br", "bedrock", settings, "test.yaml"),
                new TestProviderContext(Map.of(), Path.of(".")));
    }

    @Test
    void credentialsFromTheSharedProfileFileSignTheRequest() throws Exception {
        Files.writeString(dir.resolve("credentials"), """
                [default]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                aws_session_token = token-from-profile
                """.formatted(BedrockProviderContractTest.KEY_ID, BedrockProviderContractTest.SECRET));
        upstream.enqueue(BedrockAuthTest.transcript("chat.http"));

        Calls.chat(provider(), ProviderContract.question(false), BedrockAuthTest.attempt("upstream-model"));

        RecordedRequest r = upstream.takeRequest();
        assertThat(r.getHeaders().get("x-amz-security-token")).isEqualTo("token-from-profile");
        BedrockProviderContractTest.assertSignedWithSigV4(r);
    }

    @Test
    void aNamedProfileIsChosenWithTheProfileProperty() throws Exception {
        Files.writeString(dir.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIDDEFAULTPROFILE
                aws_secret_access_key = not-this-one
                [bedrock-prod]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(BedrockProviderContractTest.KEY_ID, BedrockProviderContractTest.SECRET));
        System.setProperty("aws.profile", "bedrock-prod");
        upstream.enqueue(BedrockAuthTest.transcript("chat.http"));

        Calls.chat(provider(), ProviderContract.question(false), BedrockAuthTest.attempt("upstream-model"));

        RecordedRequest r = upstream.takeRequest();
        assertThat(r.getHeaders().get("x-amz-security-token")).isNull();
        BedrockProviderContractTest.assertSignedWithSigV4(r);
    }

    @Test
    void withNoCredentialsAnywhereTheCallFailsClearlyAndNothingIsSent() {
        assertThatThrownBy(() -> Calls.chat(provider(), ProviderContract.question(false),
                BedrockAuthTest.attempt("upstream-model")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.AUTHENTICATION);
                    assertThat(e.error().message()).startsWith("provider 'br' has no usable AWS credentials: ");
                });
        assertThat(upstream.requestCount()).isZero();
    }
}
