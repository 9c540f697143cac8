package dev.sluice.server.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.access.Limits;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.Caller;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The SigV4 verifier against AWS's published Signature Version 4 test suite (the requests and signatures are facts
 * from it), against the AWS SDK's own signer, and against every way a signature can fail.
 */
class SigV4VerifierTest {

    private static final String SUITE_KEY_ID = "AKIDEXAMPLE";
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SUITE_SCOPE = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static final Caller SUITE_CALLER = new Caller("key_suite", null, null, null);

    private static final String KEY_ID = "ASLUABCDEFGHIJKLMNOP";
    private static final String SECRET = "sk-sluice-Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6";
    private static final Caller CALLER = new Caller("key_1", "team_1", null, "prod");

    /** A directory of two key pairs; {@code revoked} stands for a key the directory no longer opens. */
    private static final KeyDirectory KEYS = new KeyDirectory() {
        private final Map<String, SigningSecret> pairs = Map.of(
                SUITE_KEY_ID, new SigningSecret(SUITE_CALLER, aws4(SUITE_SECRET)),
                KEY_ID, new SigningSecret(CALLER, aws4(SECRET)));

        @Override public Caller caller(byte[] sha256, Instant now) { return null; }

        @Override public SigningSecret signingSecret(String id, Instant now) { return pairs.get(id); }

        @Override public boolean allows(Caller caller, String model) { return true; }

        @Override public List<Limits> limits(Caller caller) { return List.of(); }

        @Override public List<Budget> budgets(Caller caller) { return List.of(); }
    };

    private final SigV4Verifier verifier = new SigV4Verifier(KEYS);

    static Stream<Arguments> suite() {
        return Stream.of(
                vector("get-vanilla", "GET", "/", "", "", "host;x-amz-date",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                vector("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", "",
                        "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
                vector("get-vanilla-empty-query-key", "GET", "/", "Param1=value1", "", "host;x-amz-date",
                        "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
                vector("get-vanilla-query-unreserved", "GET", "/", UNRESERVED + "=" + UNRESERVED, "",
                        "host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
                vector("get-vanilla-utf8-query", "GET", "/", "%E1%88%B4=bar", "", "host;x-amz-date",
                        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
                vector("get-unreserved", "GET", "/" + UNRESERVED, "", "", "host;x-amz-date",
                        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
                vector("get-utf8", "GET", "/\u1234", "", "", "host;x-amz-date",
                        "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
                vector("get-header-key-duplicate", "GET", "/", "", "", "host;my-header1;x-amz-date",
                        "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
                        "My-Header1", "value2", "My-Header1", "value2", "My-Header1", "value1"),
                vector("get-header-value-order", "GET", "/", "", "", "host;my-header1;x-amz-date",
                        "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01",
                        "My-Header1", "value4", "My-Header1", "value1", "My-Header1", "value3", "My-Header1",
                        "value2"),
                vector("get-header-value-trim", "GET", "/", "", "", "host;my-header1;my-header2;x-amz-date",
                        "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
                        "My-Header1", " value1", "My-Header2", " \"a   b   c\""),
                vector("post-vanilla", "POST", "/", "", "", "host;x-amz-date",
                        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
                vector("post-vanilla-query", "POST", "/", "Param1=value1", "", "host;x-amz-date",
                        "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
                vector("post-vanilla-query-nonunreserved", "POST", "/",
                        "%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D", "", "host;x-amz-date",
                        "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"),
                vector("post-header-key-sort", "POST", "/", "", "", "host;my-header1;x-amz-date",
                        "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c", "My-Header1", "value1"),
                vector("post-header-value-case", "POST", "/", "", "", "host;my-header1;x-amz-date",
                        "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d", "My-Header1", "VALUE1"),
                vector("post-x-www-form-urlencoded", "POST", "/", "", "Param1=value1", "content-type;host;x-amz-date",
                        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
                        "Content-Type", "application/x-www-form-urlencoded"),
                vector("post-x-www-form-urlencoded-parameters", "POST", "/", "", "Param1=value1",
                        "content-type;host;x-amz-date",
                        "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe",
                        "Content-Type", "application/x-www-form-urlencoded; charset=utf8"));
    }

    private static final String UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void theAwsTestSuiteSignaturesAreAccepted(String name, SigV4Verifier.SignedRequest request) {
        assertThat(verifier.verify(request, SUITE_TIME)).isEqualTo(SUITE_CALLER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void theAwsTestSuiteSignaturesWithOneDigitChangedAreRefused(String name, SigV4Verifier.SignedRequest request) {
        String auth = request.headers().get("authorization");
        char last = auth.charAt(auth.length() - 1);
        request.headers().set("authorization", auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0'));
        assertRefused(request, SUITE_TIME, ErrorType.SIGNATURE_INVALID, "does not match");
    }

    @Test
    void aSessionTokenIsRefusedAsAwsRefusesAnUnknownToken() {
        var r = vector("post-sts-header-before", "POST", "/", "", "", "host;x-amz-date;x-amz-security-token",
                "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", "X-Amz-Security-Token",
                "AQoDYXdzEPT//////////wEXAMPLE").get()[1];
        assertRefused((SigV4Verifier.SignedRequest) r, SUITE_TIME, ErrorType.AUTHENTICATION, "no session token");
    }

    // ---- the AWS SDK's own signer, as a Bedrock client uses it

    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";
    private static final String MODEL_PATH = "/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void whatTheAwsSdkSignsForABedrockModelIdWithAColonIsAccepted() {
        assertThat(verifier.verify(sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of()), NOW)).isEqualTo(CALLER);
        assertThat(verifier.verify(sdkSigned(SECRET, NOW, "/model/m/converse", "", Map.of("b", List.of("x y"),
                "a", List.of("1", "2"))), NOW)).as("with a query").isEqualTo(CALLER);
    }

    @Test
    void aSignatureOverThePathEncodedOnlyOnceIsRefused() {
        // what a signer that forgets the second encoding produces: the verifier must not accept both forms
        var r = sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of());
        var decoded = new SigV4Verifier.SignedRequest(r.method(), MODEL_PATH.replace("%3A", ":"), r.rawQuery(),
                r.headers(), r.body());
        assertRefused(decoded, NOW, ErrorType.SIGNATURE_INVALID, "does not match");
    }

    @Test
    void aWrongSecretIsRefused() {
        assertRefused(sdkSigned(SECRET + "x", NOW, MODEL_PATH, BODY, Map.of()), NOW, ErrorType.SIGNATURE_INVALID,
                "does not match");
    }

    @Test
    void aTamperedBodyIsRefused() {
        var r = sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of());
        assertRefused(new SigV4Verifier.SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                BODY.replace("hi", "ho").getBytes(StandardCharsets.UTF_8)), NOW, ErrorType.SIGNATURE_INVALID,
                "does not match");
    }

    @Test
    void aBodyThatItsContentHashHeaderDoesNotDescribeIsRefused() {
        var r = sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of());
        r.headers().set("x-amz-content-sha256", "0".repeat(64));
        assertRefused(r, NOW, ErrorType.SIGNATURE_INVALID, "x-amz-content-sha256");
        r.headers().set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertRefused(r, NOW, ErrorType.SIGNATURE_INVALID, "signed payloads only");
    }

    @Test
    void aTamperedSignedHeaderIsRefused() {
        var r = sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of());
        r.headers().set("content-type", "text/plain");
        assertRefused(r, NOW, ErrorType.SIGNATURE_INVALID, "does not match");
    }

    @Test
    void aTamperedPathOrQueryIsRefused() {
        var r = sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of());
        assertRefused(new SigV4Verifier.SignedRequest(r.method(), "/model/other/converse", r.rawQuery(), r.headers(),
                r.body()), NOW, ErrorType.SIGNATURE_INVALID, "does not match");
        assertRefused(new SigV4Verifier.SignedRequest(r.method(), r.rawPath(), "a=1", r.headers(), r.body()), NOW,
                ErrorType.SIGNATURE_INVALID, "does not match");
    }

    @Test
    void aSignatureThatLeavesHostOrTheDateUnsignedIsRefused() {
        var r = sdkSigned(SECRET, NOW, MODEL_PATH, BODY, Map.of());
        String auth = r.headers().get("authorization");
        r.headers().set("authorization", auth.replace("host;", ""));
        assertRefused(r, NOW, ErrorType.SIGNATURE_INVALID, "'host' and 'x-amz-date' must be signed");
        r.headers().set("authorization", auth.replace(";x-amz-date", ""));
        assertRefused(r, NOW, ErrorType.SIGNATURE_INVALID, "'host' and 'x-amz-date' must be signed");
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAwayFromTheServerClockIsRefused() {
        Instant signed = NOW;
        var r = sdkSigned(SECRET, signed, MODEL_PATH, BODY, Map.of());
        assertThat(verifier.verify(r, signed.plus(Duration.ofMinutes(15)))).isEqualTo(CALLER);
        assertThat(verifier.verify(r, signed.minus(Duration.ofMinutes(15)))).isEqualTo(CALLER);
        assertRefused(r, signed.plus(Duration.ofMinutes(15)).plusSeconds(1), ErrorType.SIGNATURE_INVALID,
                "Signature expired: 20260301T100000Z is now earlier than 20260301T100001Z");
        assertRefused(r, signed.minus(Duration.ofMinutes(15)).minusSeconds(1), ErrorType.SIGNATURE_INVALID,
                "Signature not yet current");
    }

    @Test
    void anUnknownRevokedOrExpiredAccessKeyIdIsRefusedAsAnInvalidToken() {
        var r = sdkSignedAs("ASLUNOSUCHKEY0000000", SECRET, NOW, MODEL_PATH, BODY);
        assertRefused(r, NOW, ErrorType.AUTHENTICATION, "The security token included in the request is invalid.");
    }

    @Test
    void aMalformedAuthorizationHeaderIsRefusedWithoutAStackTrace() {
        for (String bad : List.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=x", "AWS4-HMAC-SHA256 "
                + SUITE_SCOPE + ", SignedHeaders=host;x-amz-date, Signature=xyz", "AWS4-HMAC-SHA256 Credential="
                + "AKIDEXAMPLE/2015/us-east-1/service/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64))) {
            HttpHeaders h = suiteHeaders();
            h.set("authorization", bad);
            assertRefused(new SigV4Verifier.SignedRequest("GET", "/", "", h, new byte[0]), SUITE_TIME,
                    ErrorType.SIGNATURE_INVALID, "");
        }
        HttpHeaders h = suiteHeaders();
        h.set("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));
        assertRefused(new SigV4Verifier.SignedRequest("GET", "/", "", h, new byte[0]), SUITE_TIME,
                ErrorType.SIGNATURE_INVALID, "Date in Credential scope does not match");
        for (String date : List.of("2015-08-30T12:36:00Z", "20150830T123600", "20151330T123600Z", "2015083OT123600Z")) {
            h.set("x-amz-date", date);
            assertRefused(new SigV4Verifier.SignedRequest("GET", "/", "", h, new byte[0]), SUITE_TIME,
                    ErrorType.SIGNATURE_INVALID, "'x-amz-date' must be a time");
        }
    }

    @Test
    void onlyTheSigV4SchemeIsClaimed() {
        assertThat(SigV4Verifier.isSigV4("AWS4-HMAC-SHA256 Credential=a")).isTrue();
        assertThat(SigV4Verifier.isSigV4("Bearer sk-sluice-x")).isFalse();
        assertThat(SigV4Verifier.isSigV4("AWS4-HMAC-SHA256X")).isFalse();
        assertThat(SigV4Verifier.isSigV4(null)).isFalse();
    }

    // ---- helpers

    private static Arguments vector(String name, String method, String path, String query, String body,
                                    String signedHeaders, String signature, String... headers) {
        HttpHeaders h = suiteHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        h.set("authorization", "AWS4-HMAC-SHA256 " + SUITE_SCOPE + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature);
        return Arguments.of(name, new SigV4Verifier.SignedRequest(method, path, query, h,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpHeaders suiteHeaders() {
        return new DefaultHttpHeaders(false).add("Host", "example.amazonaws.com").add("X-Amz-Date",
                "20150830T123600Z");
    }

    private static SigV4Verifier.SignedRequest sdkSigned(String secret, Instant at, String encodedPath, String body,
                                                         Map<String, List<String>> query) {
        return sdkSignedAs(KEY_ID, secret, at, encodedPath, body, query);
    }

    private static SigV4Verifier.SignedRequest sdkSignedAs(String keyId, String secret, Instant at,
                                                           String encodedPath, String body) {
        return sdkSignedAs(keyId, secret, at, encodedPath, body, Map.of());
    }

    /** A request signed by the AWS SDK's signer as bedrock-runtime signs (service {@code bedrock}). */
    private static SigV4Verifier.SignedRequest sdkSignedAs(String keyId, String secret, Instant at,
                                                           String encodedPath, String body,
                                                           Map<String, List<String>> query) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(4000).encodedPath(encodedPath).putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        query.forEach(b::putRawQueryParameter);
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(b.build()).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        HttpHeaders h = new DefaultHttpHeaders(false);
        signed.forEachHeader((name, values) -> values.forEach(v -> h.add(name, v)));
        String rawQuery = SdkHttpUtils.encodeAndFlattenQueryParameters(signed.rawQueryParameters()).orElse("");
        return new SigV4Verifier.SignedRequest("POST", signed.encodedPath(), rawQuery, h,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(SigV4Verifier.SignedRequest r, Instant now, ErrorType type, String message) {
        assertThatThrownBy(() -> verifier.verify(r, now)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(type);
            assertThat(e.error().message()).contains(message).doesNotContain(SECRET);
        });
    }

    private static byte[] aws4(String secret) {
        return ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    }
}
