package dev.sluice.anthropic;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.testkit.WireTextsContract;
import java.util.List;

/** Messages' guarded texts read on the wire: the contract, on requests and answers of every shape. */
class AnthropicWireTextsTest extends WireTextsContract {

    @Override
    protected ChatWireCodec codec() {
        return new AnthropicCodec();
    }

    @Override
    protected List<String> readableRequests() {
        return List.of(
                """
                {"model":"m","max_tokens":64,"system":"Be terse.","messages":[{"role":"user",\
                "content":"Mail ann@example.com"}], "temperature": 0.50}""",
                """
                {"messages":[{"content":[{"type":"text","text":"look","cache_control":{"type":"ephemeral"}},\
                {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}],"role":"user"},\
                {"role":"assistant","content":[{"type":"text","text":"not checked"},{"type":"tool_use",\
                "id":"t1","name":"f","input":{"q":"secret"}}]},{"role":"user","content":[{"type":"tool_result",\
                "tool_use_id":"t1","content":"result with \\u00e9 escapes"},{"type":"tool_result",\
                "tool_use_id":"t1","content":[{"type":"text","text":"one block"}]},{"type":"tool_result",\
                "tool_use_id":"t1"},{"type":"text","text":"and then"}]}],\
                "system":[{"type":"text","text":"one"},{"text":"two","type":"text"}],"model":"m","max_tokens":9}""");
    }

    @Override
    protected List<String> unreadableRequests() {
        return List.of(
                "{\"model\":\"m\",\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\",\"citations\":[]}]}]}",
                "{\"model\":\"m\",\"system\":[{\"type\":\"text\",\"text\":\"a\",\"x\":1}],\"messages\":[]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\"}]}",
                "{\"model\":\"m\",\"system\":\"a\",\"system\":\"b\",\"messages\":[]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\","
                        + "\"text\":\"b\"}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"a\"}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\"}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\","
                        + "\"id\":\"t\",\"name\":\"f\",\"input\":{}}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                        + "\"tool_use_id\":\"t\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                        + "{\"type\":\"text\",\"text\":\"b\"}]}]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                        + "\"tool_use_id\":\"t\",\"content\":[{\"type\":\"image\"}]}]}]}",
                "{\"model\":\"m\",\"system\":[{\"type\":\"image\"}],\"messages\":[]}",
                "{\"model\":\"m\",\"system\":7,\"messages\":[]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
                "{\"model\":\"m\"}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]",
                "");
    }

    @Override
    protected List<String> answers() {
        return List.of(
                """
                {"id":"msg","type":"message","role":"assistant","model":"m","content":[{"type":"text",\
                "text":"Hello ann@example.com"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":2}}""",
                """
                {"id":"msg","type":"message","role":"assistant","model":"m","content":[{"type":"thinking",\
                "thinking":"hidden"},{"type":"text","text":"Sending."},{"type":"tool_use","id":"t","name":"send",\
                "input":{"to":"a@b.co","cc":["c@d.co",7],"n":{"s":"x"}}},{"type":"text","text":""}],\
                "stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":2}}""");
    }

    @Override
    protected List<String> unreadableAnswers() {
        return List.of(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}]}",
                "{\"role\":\"assistant\",\"content\":[],\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}",
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\","
                        + "\"input\":{\"to\":\"a\",\"to\":\"b\"}}]}");
    }

    @Override
    protected ChatResponse decodeAnswer(byte[] body) {
        return new AnthropicCodec().decodeResponse(body, "up");
    }
}
