package dev.sluice.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonFieldReader;
import java.util.ArrayList;
import java.util.List;

/** Chat Completions request JSON to {@link ChatRequest}, validating as it goes. Stateless. */
final class OpenAiRequestDecoder {

    /**
     * Checked reads of callers' JSON for every OpenAI request decoder, worded as OpenAI words them:
     * {@code 'model' is required}, {@code 'messages[1].role' must be a string, got a number}.
     */
    static final JsonFieldReader FIELDS =
            new JsonFieldReader((path, problem) -> "'" + path + "' " + problem, "is required", true);

    private OpenAiRequestDecoder() { }

    static ChatRequest decode(byte[] body) {
        JsonNode root = FIELDS.parseObject(body);
        String model = FIELDS.requireText(root, "model", "");
        JsonNode messages = FIELDS.require(root, "messages", "");
        Long n = FIELDS.optLong(root, "n", "");
        if (n != null && n != 1) {
            throw new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400,
                    "'n' other than 1 is not supported", null, null, "n"));
        }
        Integer maxTokens = FIELDS.optPositiveInt(root, "max_completion_tokens", "");
        Integer legacyMax = FIELDS.optPositiveInt(root, "max_tokens", "");
        JsonNode streamOptions = FIELDS.optObject(root, "stream_options", "");
        boolean stream = Boolean.TRUE.equals(FIELDS.optBoolean(root, "stream", ""));
        boolean includeUsage = streamOptions != null
                && Boolean.TRUE.equals(FIELDS.optBoolean(streamOptions, "include_usage", "stream_options"));
        return ChatRequest.builder()
                .model(model)
                .messages(OpenAiMessageDecoder.decodeAll(messages))
                .tools(tools(root))
                .toolChoice(toolChoice(root))
                .parallelToolCalls(FIELDS.optBoolean(root, "parallel_tool_calls", ""))
                .responseFormat(responseFormat(root))
                .maxTokens(maxTokens != null ? maxTokens : legacyMax)
                .temperature(FIELDS.optNumber(root, "temperature", "", 0, 2))
                .topP(FIELDS.optNumber(root, "top_p", "", 0, 1))
                .stop(stop(root))
                .seed(FIELDS.optLong(root, "seed", ""))
                .user(FIELDS.optText(root, "user", ""))
                .stream(stream)
                .includeUsage(stream && includeUsage)
                .build();
    }

    private static List<Tool> tools(JsonNode root) {
        JsonNode tools = FIELDS.optArray(root, "tools", "");
        if (tools == null) {
            return List.of();
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode t = tools.get(i);
            if (!t.isObject()) {
                throw FIELDS.wrongType(at, "an object", t);
            }
            String type = FIELDS.optText(t, "type", at);
            if (type != null && !type.equals("function")) {
                throw FIELDS.invalid(at + ".type", "must be 'function', got '" + type + "'");
            }
            JsonNode fn = FIELDS.optObject(t, "function", at);
            if (fn == null) {
                throw FIELDS.invalid(at + ".function", "is required");
            }
            String fnAt = at + ".function";
            JsonNode params = FIELDS.optObject(fn, "parameters", fnAt);
            out.add(new Tool(FIELDS.requireText(fn, "name", fnAt), FIELDS.optText(fn, "description", fnAt),
                    params != null ? params : emptySchema(), FIELDS.optBoolean(fn, "strict", fnAt)));
        }
        return out;
    }

    private static JsonNode emptySchema() {
        var schema = Json.object();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static ToolChoice toolChoice(JsonNode root) {
        JsonNode c = JsonFieldReader.opt(root, "tool_choice");
        if (c == null) {
            return null;
        }
        if (c.isTextual()) {
            return switch (c.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.ANY;
                default -> throw FIELDS.invalid("tool_choice", "must be 'auto', 'none', 'required' or an object "
                        + "naming a function, got '" + c.textValue() + "'");
            };
        }
        if (!c.isObject()) {
            throw FIELDS.wrongType("tool_choice", "a string or an object", c);
        }
        String type = FIELDS.optText(c, "type", "tool_choice");
        if (type != null && !type.equals("function")) {
            throw FIELDS.invalid("tool_choice.type", "must be 'function', got '" + type + "'");
        }
        JsonNode fn = FIELDS.optObject(c, "function", "tool_choice");
        if (fn == null) {
            throw FIELDS.invalid("tool_choice.function", "is required");
        }
        return ToolChoice.tool(FIELDS.requireText(fn, "name", "tool_choice.function"));
    }

    private static ResponseFormat responseFormat(JsonNode root) {
        JsonNode f = FIELDS.optObject(root, "response_format", "");
        if (f == null) {
            return null;
        }
        String type = FIELDS.requireText(f, "type", "response_format");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> {
                JsonNode s = FIELDS.optObject(f, "json_schema", "response_format");
                if (s == null) {
                    throw FIELDS.invalid("response_format.json_schema", "is required when type is 'json_schema'");
                }
                String at = "response_format.json_schema";
                yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, FIELDS.requireText(s, "name", at),
                        FIELDS.optObject(s, "schema", at), FIELDS.optBoolean(s, "strict", at));
            }
            default -> throw FIELDS.invalid("response_format.type",
                    "must be 'text', 'json_object' or 'json_schema', got '" + type + "'");
        };
    }

    private static List<String> stop(JsonNode root) {
        JsonNode s = JsonFieldReader.opt(root, "stop");
        if (s == null) {
            return List.of();
        }
        if (s.isTextual()) {
            return List.of(s.textValue());
        }
        if (!s.isArray()) {
            throw FIELDS.wrongType("stop", "a string or an array of strings", s);
        }
        List<String> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i).isTextual()) {
                throw FIELDS.wrongType("stop[" + i + "]", "a string", s.get(i));
            }
            out.add(s.get(i).textValue());
        }
        return out;
    }
}
