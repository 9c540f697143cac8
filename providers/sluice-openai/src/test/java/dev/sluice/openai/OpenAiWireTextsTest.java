package dev.sluice.openai;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.testkit.WireTextsContract;
import java.util.List;

/** Chat Completions' guarded texts read on the wire: the contract, on requests and answers of every shape. */
class OpenAiWireTextsTest extends WireTextsContract {

    @Override
    protected ChatWireCodec codec() {
        return new OpenAiChatCodec();
    }

    @Override
    protected List<String> readableRequests() {
        return List.of(
                """
                {"model":"m","messages":[{"role":"system","content":"Be terse."},\
                {"role":"user","content":"Mail ann@example.com"}],"max_tokens":64, "temperature": 0.50}""",
                """
                {"messages":[{"content":[{"type":"text","text":"one"},{"text":"two","type":"text"}],\
                "role":"developer"},{"role":"user","content":[{"type":"text","text":"look"},\
                {"type":"image_url","image_url":{"url":"https://example.com/a.png"}},{"type":"text","text":""}]},\
                {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",\
                "function":{"name":"f","arguments":"{\\"q\\":\\"secret\\"}"}}]},\
                {"role":"tool","tool_call_id":"c1","content":"result with \\u00e9 escapes"},\
                {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"one part"}]},\
                {"role":"assistant","content":"not checked"},{"role":"user","name":"ann","content":"again"}],\
                "model":"m"}""");
    }

    @Override
    protected List<String> unreadableRequests() {
        return List.of(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"prediction\":{\"type\":\"content\",\"content\":\"b\"}}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"audio\":{\"id\":\"x\"}}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\"}]}",
                "{\"model\":\"m\",\"messages\":[],\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"a\",\"role\":\"user\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\","
                        + "\"text\":\"b\"}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"content\":\"a\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"content\":\"a\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\"}]}]}",
                "{\"model\":\"m\"}",
                "{\"model\":\"m\",\"messages\":{}}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]} {}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"",
                "[]", "");
    }

    @Override
    protected List<String> answers() {
        return List.of(
                """
                {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":\
                {"role":"assistant","content":"Hello ann@example.com","refusal":null},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""",
                """
                {"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,\
                "tool_calls":[{"id":"t","type":"function","function":{"name":"send","arguments":\
                "{\\"to\\":\\"a@b.co\\",\\"cc\\":[\\"c@d.co\\",7],\\"n\\":{\\"s\\":\\"x\\"}}"}},\
                {"id":"u","type":"function","function":{"name":"raw","arguments":"not json"}}]},\
                "finish_reason":"tool_calls"}]}""",
                """
                {"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,\
                "refusal":"I cannot help with that."},"finish_reason":"stop"}]}""",
                """
                {"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"",\
                "tool_calls":null},"finish_reason":"stop"}]}""");
    }

    @Override
    protected List<String> unreadableAnswers() {
        return List.of(
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"a\",\"content\":\"b\"}}]}",
                "{\"choices\":[],\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"b\"}}]}",
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\",\"arguments\":\"{}\"}}]}}]}");
    }

    @Override
    protected ChatResponse decodeAnswer(byte[] body) {
        return new OpenAiChatCodec().decodeResponse(body);
    }
}
