package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.ChatWireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an inbound codec's {@link ChatWireCodec#peek} must do for the fast path, whose bytes go upstream undecoded:
 * refuse a body that is not one well-formed JSON object, wherever it breaks. Formats that name the model in the body
 * extend {@link BodyModelPeekContract}.
 */
public abstract class RequestPeekContract {

    /** The codec under test. */
    protected abstract ChatWireCodec codec();

    /** The model named in the URL path for formats that take it there (Bedrock), else null. */
    protected String pathModel() {
        return null;
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedJsonAnywhereIsRefusedByThePeek() {
        for (String bad : List.of("{\"model\":\"a\",\"messages\":[}", "{\"model\":\"a\",\"messages\":[]} {}", "[1]",
                "", "{\"model\":\"a\",\"messages\":[],\"x\":tru}")) {
            assertThatThrownBy(() -> codec().peek(utf8(bad), pathModel())).as(bad)
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST));
        }
    }
}
