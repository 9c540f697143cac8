package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.RequestPeek;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The peek of a format that names the model in the body (OpenAI, Anthropic): it finds the model's token byte for byte,
 * so that it can be renamed in place, and refuses a body that two readers could read two ways.
 */
public abstract class BodyModelPeekContract extends RequestPeekContract {

    /** The top-level field of the caller's output limit, e.g. {@code max_tokens}. */
    protected abstract String limitField();

    @Test
    void thePeekFindsTheModelTokenEvenWithEscapesAndNonAsciiAroundIt() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9llo \u00e9\"}],"
                + "\"model\" : \"sim\\\"ple-\u00e9\", \"stream\": false, \"" + limitField() + "\": 64}";
        RequestPeek p = codec().peek(utf8(body), null);
        assertThat(p.model()).isEqualTo("sim\"ple-\u00e9");
        assertThat(p.stream()).isFalse();
        assertThat(p.maxTokens()).isEqualTo(64);
        byte[] bytes = utf8(body);
        assertThat(new String(bytes, p.modelStart(), p.modelEnd() - p.modelStart(), StandardCharsets.UTF_8))
                .isEqualTo("\"sim\\\"ple-\u00e9\"");
        assertThat(codec().peek(utf8("{\"model\":\"m\",\"stream\":true,\"" + limitField() + "\":1}"), null).stream())
                .isTrue();
    }

    @Test
    void aRepeatedModelIsRefusedRatherThanReadOneWayHereAndAnotherUpstream() {
        assertThatThrownBy(() -> codec().peek(utf8("{\"model\":\"a\",\"messages\":[],\"model\":\"b\"}"), null))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.error().param()).isEqualTo("model");
                });
    }

    @Test
    void aMistypedStreamFlagOrLimitIsNamedAsTheFullDecoderNamesIt() {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        assertThatThrownBy(() -> codec().peek(utf8("{\"model\":\"m\",\"stream\":\"yes\",\"" + limitField()
                + "\":9," + messages), null)).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().param()).isEqualTo("stream"));
        assertThatThrownBy(() -> codec().peek(utf8("{\"model\":\"m\",\"" + limitField() + "\":\"9\"," + messages),
                null)).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().param()).isEqualTo(limitField()));
    }

    @Test
    void aMissingOrMistypedModelIsNamedAsTheFullDecoderNamesIt() {
        String rest = "\"" + limitField() + "\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        for (String bad : List.of("{\"model\":7," + rest, "{" + rest)) {
            assertThatThrownBy(() -> codec().peek(utf8(bad), null)).as(bad)
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().param())
                            .isEqualTo("model"));
        }
    }
}
