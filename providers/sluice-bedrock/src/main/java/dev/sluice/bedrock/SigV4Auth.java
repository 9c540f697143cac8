package dev.sluice.bedrock;

import dev.sluice.spi.http.Endpoint;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * AWS Signature Version 4 with the AWS SDK's {@link AwsV4HttpSigner}, service {@code bedrock}: the exact body bytes
 * and every header in the request's map are signed, and the signature's headers ({@code authorization},
 * {@code x-amz-date}, {@code x-amz-security-token}, ...) are added to the map. The signer also signs {@code host}, as
 * {@code host[:port]} with the port only when it is not the scheme's default, which is {@link Endpoint#authority()},
 * the value the transport sends; so {@code host} is not added to the map. Thread-safe: credentials are asked for on
 * each call, so that rotating credentials are picked up.
 */
final class SigV4Auth implements UpstreamAuth {

    static final String SERVICE = "bedrock";
    /** Headers that the transport sets itself; a provider must not send them. */
    private static final Set<String> TRANSPORT_OWNED = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String region;
    private final Supplier<? extends AwsCredentialsIdentity> credentials;
    private final Clock clock;
    private final AutoCloseable onClose;

    SigV4Auth(String region, Supplier<? extends AwsCredentialsIdentity> credentials, Clock clock,
              AutoCloseable onClose) {
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
        this.onClose = onClose;
    }

    @Override
    public void apply(Endpoint endpoint, String path, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.uri(path));
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.get())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        // the signed request holds the map's headers unchanged plus the signature's; the signature's win a clash
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!TRANSPORT_OWNED.contains(name)) {
                headers.put(name, String.join(",", h.getValue()));
            }
        }
    }

    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception ignored) {
                // best effort: a credentials provider that cannot close holds nothing we need
            }
        }
    }

    @Override
    public String toString() {
        return "SigV4[" + region + "]";
    }
}
