package dev.sluice.bedrock;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Where SigV4 credentials come from: static settings, else the provider context's environment
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), else the AWS SDK's
 * {@link DefaultCredentialsProvider} chain (profiles, container and instance roles, ...), which is built on first
 * use, not at start-up, and then caches and refreshes credentials itself.
 */
final class CredentialSources {

    private CredentialSources() { }

    static AwsCredentialsIdentity fixed(String keyId, String secret, String token) {
        return token == null ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, token);
    }

    /** Static or environment credentials, or null when there are none. */
    static AwsCredentialsIdentity staticOrEnv(BedrockSettings s, Map<String, String> env) {
        if (s.accessKeyId() != null) {
            return fixed(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
        }
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return fixed(id, secret, token == null || token.isBlank() ? null : token);
        }
        return null;
    }

    /** The default chain, made lazily; thread-safe. */
    static final class DefaultChain implements Supplier<AwsCredentialsIdentity>, AutoCloseable {
        private DefaultCredentialsProvider provider;

        @Override
        public synchronized AwsCredentialsIdentity get() {
            if (provider == null) {
                provider = DefaultCredentialsProvider.builder().build();
            }
            return provider.resolveCredentials();
        }

        @Override
        public synchronized void close() {
            if (provider != null) {
                provider.close();
            }
        }
    }
}
