package dev.sluice.bedrock;

import dev.sluice.api.json.Json;
import dev.sluice.spi.DetectedProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Makes {@code type: bedrock} providers. Registered with {@link java.util.ServiceLoader}. */
public final class BedrockProviderFactory implements ProviderFactory {

    /** Models offered when credentials are found in the environment. */
    static final List<String> DETECTED_MODELS =
            List.of("anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.nova-lite-v1:0");

    @Override
    public String type() {
        return "bedrock";
    }

    @Override
    public Provider create(ProviderSpec spec, ProviderContext context) {
        BedrockSettings settings = BedrockSettings.from(spec, context.env());
        return new BedrockProvider(settings, auth(settings, context), context.clock());
    }

    static UpstreamAuth auth(BedrockSettings settings, ProviderContext context) {
        if (settings.apiKey() != null) {
            return new UpstreamAuth.Bearer(settings.apiKey());
        }
        AwsCredentialsIdentity fixed = CredentialSources.staticOrEnv(settings, context.env());
        if (fixed != null) {
            return new SigV4Auth(settings.region(), () -> fixed, context.clock(), null);
        }
        CredentialSources.DefaultChain chain = new CredentialSources.DefaultChain();
        return new SigV4Auth(settings.region(), chain, context.clock(), chain);
    }

    /**
     * A {@code bedrock} provider when the environment has {@code AWS_BEARER_TOKEN_BEDROCK} or
     * {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY}, and a region ({@code AWS_REGION} or
     * {@code AWS_DEFAULT_REGION}). The entry holds no secret: the provider reads them from the environment.
     */
    @Override
    public Optional<DetectedProvider> detect(ProviderContext context) {
        Map<String, String> env = context.env();
        boolean bearer = present(env, "AWS_BEARER_TOKEN_BEDROCK");
        boolean keys = present(env, "AWS_ACCESS_KEY_ID") && present(env, "AWS_SECRET_ACCESS_KEY");
        String region = present(env, "AWS_REGION") ? env.get("AWS_REGION")
                : present(env, "AWS_DEFAULT_REGION") ? env.get("AWS_DEFAULT_REGION") : null;
        if (!(bearer || keys) || region == null) {
            return Optional.empty();
        }
        var settings = Json.object().put("id", "bedrock").put("type", "bedrock").put("region", region.trim());
        String source = bearer ? "AWS_BEARER_TOKEN_BEDROCK" : "AWS_ACCESS_KEY_ID";
        ProviderSpec spec = new ProviderSpec("bedrock", "bedrock", settings, "environment (" + source + ")");
        return Optional.of(new DetectedProvider(spec, DETECTED_MODELS));
    }

    private static boolean present(Map<String, String> env, String key) {
        String v = env.get(key);
        return v != null && !v.isBlank();
    }
}
