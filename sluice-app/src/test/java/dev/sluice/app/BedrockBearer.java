package dev.sluice.app;

import java.util.List;
import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/** Makes the AWS SDK send a Bedrock API key as {@code Authorization: Bearer}, as AWS_BEARER_TOKEN_BEDROCK does. */
final class BedrockBearer {

    private BedrockBearer() { }

    static SdkTokenProvider of(String key) {
        SdkToken token = new SdkToken() {
            @Override public String token() { return key; }

            @Override public java.util.Optional<java.time.Instant> expirationTime() { return java.util.Optional.empty(); }
        };
        return () -> token;
    }

    static BedrockRuntimeAuthSchemeProvider preferBearer() {
        return params -> List.of(AuthSchemeOption.builder().schemeId("smithy.api#httpBearerAuth").build());
    }
}
