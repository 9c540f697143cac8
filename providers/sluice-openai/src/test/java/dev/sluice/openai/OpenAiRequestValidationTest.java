package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestValidationTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

    /** A valid request with {@code extra} JSON members added after model and messages. */
    private static String withField(String extra) {
        return "{\"model\":\"m\",\"messages\":[" + USER + "]," + extra + "}";
    }

    private GatewayException reject(String body) {
        try {
            codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), null);
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"temperature\":\"hot\"`              | temperature         | must be a number, got a string",
        "`\"temperature\":2.5`                  | temperature         | must be between 0 and 2, got 2.5",
        "`\"temperature\":-1`                   | temperature         | must be between 0 and 2",
        "`\"top_p\":1.5`                        | top_p               | must be between 0 and 1",
        "`\"max_tokens\":0`                     | max_tokens          | must be a positive integer",
        "`\"max_completion_tokens\":-3`         | max_completion_tokens | must be a positive integer",
        "`\"max_tokens\":1.5`                   | max_tokens          | must be an integer",
        "`\"seed\":\"x\"`                       | seed                | must be an integer",
        "`\"stop\":5`                           | stop                | a string or an array of strings",
        "`\"stop\":[\"a\",1]`                   | stop[1]             | must be a string",
        "`\"stream\":\"yes\"`                   | stream              | must be true or false",
        "`\"stream_options\":{\"include_usage\":1}` | stream_options.include_usage | must be true or false",
        "`\"user\":7`                           | user                | must be a string",
        "`\"tools\":{}`                         | tools               | must be an array",
        "`\"tools\":[{\"type\":\"retrieval\"}]` | tools[0].type       | must be 'function'",
        "`\"tools\":[{\"type\":\"function\",\"function\":{}}]` | tools[0].function.name | is required",
        "`\"tool_choice\":\"always\"`           | tool_choice         | must be 'auto', 'none', 'required'",
        "`\"tool_choice\":{\"type\":\"function\"}` | tool_choice.function | is required",
        "`\"response_format\":{\"type\":\"yaml\"}` | response_format.type | must be 'text', 'json_object' or 'json_schema'",
        "`\"response_format\":{\"type\":\"json_schema\"}` | response_format.json_schema | is required",
        "`\"response_format\":\"json\"`         | response_format     | must be an object",
        "`\"parallel_tool_calls\":\"no\"`       | parallel_tool_calls | must be true or false",
    })
    void aBadFieldIsA400NamingIt(String extra, String param, String problem) {
        GatewayException e = reject(withField(extra));
        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().param()).isEqualTo(param);
        assertThat(e.error().message()).contains(param).contains(problem);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"role\":\"robot\",\"content\":\"x\"}`     | messages[1].role         | got 'robot'",
        "`{\"content\":\"x\"}`                        | messages[1].role         | is required",
        "`{\"role\":5,\"content\":\"x\"}`             | messages[1].role         | must be a string",
        "`\"hello\"`                                  | messages[1]              | must be an object",
        "`{\"role\":\"user\"}`                        | messages[1].content      | is required",
        "`{\"role\":\"user\",\"content\":42}`         | messages[1].content      | a string or an array",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}` | messages[1].content[0].type | must be 'text' or 'image_url'",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}`  | messages[1].content[0].text | is required",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///etc/passwd\"}}]}` | messages[1].content[0].image_url.url | http(s) URL or a data: URI",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:text/plain;base64,aGk=\"}}]}` | messages[1].content[0].image_url.url | image media type",
        "`{\"role\":\"tool\",\"content\":\"18C\"}`    | messages[1].tool_call_id | is required",
        "`{\"role\":\"assistant\"}`                   | messages[1].content      | unless tool_calls",
        "`{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}` | messages[1].tool_calls[0].id | is required",
        "`{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\"}]}` | messages[1].tool_calls[0].function | is required",
    })
    void aBadMessageIsA400NamingItsPath(String message, String param, String problem) {
        GatewayException e = reject("{\"model\":\"m\",\"messages\":[" + USER + "," + message + "]}");
        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.error().param()).isEqualTo(param);
        assertThat(e.error().message()).contains(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"model\":\"m\",`                    | | not valid JSON",
        "`[1,2]`                                | | must be a JSON object, got an array",
        "`\"text\"`                             | | must be a JSON object, got a string",
        "``                                     | | empty",
        "`{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}` | model | is required",
        "`{\"model\":\"\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}` | model | must not be empty",
        "`{\"model\":3,\"messages\":[]}`        | model    | must be a string",
        "`{\"model\":\"m\"}`                    | messages | is required",
        "`{\"model\":\"m\",\"messages\":{}}`    | messages | must be an array, got an object",
        "`{\"model\":\"m\",\"messages\":[]}`    | messages | at least one message",
    })
    void aBrokenBodyIsA400(String body, String param, String problem) {
        GatewayException e = reject(body);
        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().param()).isEqualTo(param);
        assertThat(e.error().message()).contains(problem);
    }

    @Test
    void invalidUtf8IsA400() {
        byte[] body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"X\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        body[body.length - 5] = (byte) 0xC3;
        assertThat(rejectBytes(body).error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
    }

    @Test
    void moreThanOneChoiceIsAnUnsupportedFeature() {
        GatewayException e = reject(withField("\"n\":3"));
        assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
        assertThat(e.error().param()).isEqualTo("n");
    }

    @Test
    void audioPartsAreAnUnsupportedFeature() {
        GatewayException e = reject("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"input_audio\",\"input_audio\":{\"data\":\"x\",\"format\":\"wav\"}}]}]}");
        assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
        assertThat(e.error().param()).isEqualTo("messages[0].content[0].type");
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(codec.decodeRequest(withField("\"metadata\":{\"a\":\"b\"},\"store\":true,\"logit_bias\":{}")
                .getBytes(StandardCharsets.UTF_8), null).model()).isEqualTo("m");
    }

    private GatewayException rejectBytes(byte[] body) {
        assertThatThrownBy(() -> codec.decodeRequest(body, null)).isInstanceOf(GatewayException.class);
        try {
            codec.decodeRequest(body, null);
            throw new AssertionError("accepted");
        } catch (GatewayException e) {
            return e;
        }
    }
}
