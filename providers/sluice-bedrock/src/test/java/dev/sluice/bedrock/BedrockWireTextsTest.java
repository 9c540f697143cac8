package dev.sluice.bedrock;

import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.testkit.WireTextsContract;
import java.util.List;

/** Converse's guarded texts read on the wire: the contract, on requests and answers of every shape. */
class BedrockWireTextsTest extends WireTextsContract {

    @Override
    protected ChatWireCodec codec() {
        return new BedrockCodec();
    }

    @Override
    protected String pathModel() {
        return "amazon.nova-lite-v1:0";
    }

    @Override
    protected List<String> readableRequests() {
        return List.of(
                """
                {"system":[{"text":"Be terse."},{"cachePoint":{"type":"default"}}],"messages":[{"role":"user",\
                "content":[{"text":"Mail ann@example.com"}]}],"inferenceConfig": {"maxTokens":64, "temperature": 0.50}}""",
                """
                {"messages":[{"content":[{"text":"look"},{"guardContent":{"text":{"text":"marked",\
                "qualifiers":["guard_content"]}}},{"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}],\
                "role":"user"},{"role":"assistant","content":[{"text":"not checked"},{"toolUse":{"toolUseId":"t1",\
                "name":"f","input":{"q":"secret"}}}]},{"role":"user","content":[{"toolResult":{"toolUseId":"t1",\
                "content":[{"text":"result with \\u00e9 escapes"}],"status":"success"}},{"toolResult":\
                {"toolUseId":"t1","content":[]}},{"text":"and then"}]}],\
                "system":[{"guardContent":{"text":{"text":"system marked"}}}]}""");
    }

    @Override
    protected List<String> unreadableRequests() {
        return List.of(
                "{\"promptVariables\":{\"v\":{\"text\":\"a\"}},\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]}",
                "{\"additionalModelRequestFields\":{},\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"t\",\"content\":[],\"x\":1}}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}],\"content\":[{\"text\":\"b\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\",\"text\":\"b\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"t\",\"content\":"
                        + "[{\"text\":\"a\",\"text\":\"b\"}]}}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\",\"image\":{}}]}]}",
                "{\"messages\":[{\"role\":\"system\",\"content\":[{\"text\":\"a\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"document\":{}}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolUse\":{\"toolUseId\":\"t\",\"name\":\"f\","
                        + "\"input\":{}}}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"t\",\"content\":"
                        + "[{\"text\":\"a\"},{\"text\":\"b\"}]}}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"t\",\"content\":"
                        + "[{\"json\":{\"a\":1}}]}}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":7}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}",
                "{\"system\":[{\"video\":{}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]}",
                "{\"inferenceConfig\":{}}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]",
                "");
    }

    @Override
    protected List<String> answers() {
        return List.of(
                """
                {"output":{"message":{"role":"assistant","content":[{"text":"Hello ann@example.com"}]}},\
                "stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3},\
                "metrics":{"latencyMs":5}}""",
                """
                {"output":{"message":{"role":"assistant","content":[{"reasoningContent":{"reasoningText":\
                {"text":"hidden"}}},{"text":"Sending."},{"toolUse":{"toolUseId":"t","name":"send","input":\
                {"to":"a@b.co","cc":["c@d.co",7],"n":{"s":"x"}}}}]}},"stopReason":"tool_use",\
                "usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3}}""");
    }

    @Override
    protected List<String> unreadableAnswers() {
        return List.of(
                "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"a\",\"text\":\"b\"}]}}}",
                "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[]}},\"output\":{}}",
                "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"t\","
                        + "\"name\":\"f\",\"input\":{\"to\":\"a\",\"to\":\"b\"}}}]}}}");
    }

    @Override
    protected ChatResponse decodeAnswer(byte[] body) {
        return new BedrockCodec().decodeResponse(body, "r", "m", "up");
    }
}
