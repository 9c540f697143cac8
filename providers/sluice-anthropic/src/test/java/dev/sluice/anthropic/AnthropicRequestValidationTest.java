package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Role;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestValidationTest {

    private final AnthropicCodec codec = new AnthropicCodec();

    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

    private static String withField(String extra) {
        return "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[" + USER + "]," + extra + "}";
    }

    private static String withMessage(String message) {
        return "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[" + message + "]}";
    }

    private GatewayException reject(String body) {
        try {
            codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), null);
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    private ChatRequest accept(String body) {
        return codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"temperature\":\"hot\"`                     | temperature            | must be a number, got a string",
        "`\"temperature\":1.5`                         | temperature            | must be between 0 and 1, got 1.5",
        "`\"top_p\":-0.1`                              | top_p                  | must be between 0 and 1",
        "`\"top_k\":-1`                                | top_k                  | must be at least 0",
        "`\"top_k\":1.5`                               | top_k                  | must be an integer",
        "`\"stop_sequences\":\"END\"`                  | stop_sequences         | must be an array",
        "`\"stop_sequences\":[\"a\",1]`                | stop_sequences[1]      | must be a string",
        "`\"stream\":\"yes\"`                          | stream                 | must be true or false",
        "`\"metadata\":{\"user_id\":7}`                | metadata.user_id       | must be a string",
        "`\"metadata\":[]`                             | metadata               | must be an object",
        "`\"system\":5`                                | system                 | a string or an array of text blocks",
        "`\"system\":[{\"type\":\"image\"}]`           | system[0].type         | must be of type 'text'",
        "`\"tools\":{}`                                | tools                  | must be an array",
        "`\"tools\":[{\"input_schema\":{}}]`           | tools[0].name          | Field required",
        "`\"tools\":[{\"name\":\"f\"}]`                | tools[0].input_schema  | Field required",
        "`\"tools\":[{\"name\":\"f\",\"input_schema\":\"x\"}]` | tools[0].input_schema | must be a JSON Schema object",
        "`\"tool_choice\":\"auto\"`                    | tool_choice            | must be an object",
        "`\"tool_choice\":{\"type\":\"always\"}`       | tool_choice.type       | must be one of auto, any, tool, none",
        "`\"tool_choice\":{\"type\":\"tool\"}`         | tool_choice.name       | Field required",
        "`\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":1}` | tool_choice.disable_parallel_tool_use | true or false",
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
        "`{\"role\":\"system\",\"content\":\"x\"}`     | messages[0].role          | must be 'user' or 'assistant'",
        "`{\"role\":\"user\"}`                         | messages[0].content       | Field required",
        "`{\"content\":\"x\"}`                         | messages[0].role          | Field required",
        "`{\"role\":\"user\",\"content\":5}`           | messages[0].content       | a string or an array",
        "`\"hi\"`                                      | messages[0]               | must be an object",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}` | messages[0].content[0].type | unknown content block type 'video'",
        "`{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}` | messages[0].content[0].type | Field required",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}` | messages[0].content[0].text | Field required",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":3}]}` | messages[0].content[0].text | must be a string",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"ftp\"}}]}` | messages[0].content[0].source.type | must be 'base64' or 'url'",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"AA==\"}}]}` | messages[0].content[0].source.media_type | Field required",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}]}` | messages[0].content[0].type | only appear in assistant messages",
        "`{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":[]}]}` | messages[0].content[0].input | must be an object",
        "`{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}` | messages[0].content[0].type | only appear in user messages",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}` | messages[0].content[0].tool_use_id | Field required",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":7}]}` | messages[0].content[0].content | a string or an array",
        "`{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"is_error\":\"no\"}]}` | messages[0].content[0].is_error | true or false",
    })
    void aBadMessageIsA400NamingTheField(String message, String param, String problem) {
        GatewayException e = reject(withMessage(message));
        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.error().param()).isEqualTo(param);
        assertThat(e.error().message()).contains(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"max_tokens\":10,\"messages\":[" + "{\"role\":\"user\",\"content\":\"hi\"}" + "]}` | model",
        "`{\"model\":\"m\",\"messages\":[" + "{\"role\":\"user\",\"content\":\"hi\"}" + "]}`   | max_tokens",
        "`{\"model\":\"m\",\"max_tokens\":10}`                                                 | messages",
        "`{\"model\":\"m\",\"max_tokens\":10,\"messages\":[]}`                                 | messages",
        "`{\"model\":\"m\",\"max_tokens\":10,\"messages\":{}}`                                 | messages",
        "`{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}`                                   | max_tokens",
        "`{\"model\":\"m\",\"max_tokens\":\"10\",\"messages\":[]}`                             | max_tokens",
        "`{\"model\":5,\"max_tokens\":10,\"messages\":[]}`                                     | model",
        "`{\"model\":\"\",\"max_tokens\":10,\"messages\":[]}`                                  | model",
    })
    void aMissingOrMistypedRequiredFieldIsNamed(String body, String param) {
        GatewayException e = reject(body);
        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.error().param()).isEqualTo(param);
    }

    @Test
    void malformedJsonAndNonObjectsAreRejectedWithoutAParam() {
        for (String body : new String[] {"{", "", "[]", "\"x\"", "{} {}", "null"}) {
            GatewayException e = reject(body);
            assertThat(e.error().type()).as(body).isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(e.error().param()).as(body).isNull();
        }
    }

    @Test
    void serverToolsAndDocumentsAreUnsupportedRatherThanInvalid() {
        GatewayException tool = reject(withField("\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web\"}]"));
        assertThat(tool.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
        assertThat(tool.error().param()).isEqualTo("tools[0].type");
        GatewayException doc = reject(withMessage(
                "{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{}}]}"));
        assertThat(doc.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
    }

    @Test
    void aConversationMayStartWithTheAssistant() {
        ChatRequest r = accept(withMessage("{\"role\":\"assistant\",\"content\":\"Hello\"}," + USER));
        assertThat(r.messages()).extracting(m -> m.role()).containsExactly(Role.ASSISTANT, Role.USER);
    }

    @Test
    void topKIsAcceptedAndIgnored() {
        ChatRequest r = accept(withField("\"top_k\":40"));
        assertThat(r.model()).isEqualTo("m");
        assertThat(r.maxTokens()).isEqualTo(10);
    }
}
