package dev.sluice.app;

import dev.sluice.testkit.FakeUpstream;
import java.nio.file.Path;

/**
 * The four upstream kinds for end-to-end tests, each answering the contract facts ("The capital of France is
 * Paris.", usage 21 in / 8 out): a fake OpenAI, Anthropic or Bedrock replaying its recorded transcripts, or the
 * simulator with a script.
 */
enum Upstreams {
    SIMULATOR, OPENAI, ANTHROPIC, BEDROCK;

    static final String ANSWER = "The capital of France is Paris.";

    /** Transcript folder of a provider module, relative to this module's folder (where Maven runs tests). */
    Path transcripts() {
        return Path.of("..", "providers", "sluice-" + name().toLowerCase(), "src", "test", "resources",
                "transcripts");
    }

    /** Config text (providers + one model named "m") pointing this upstream at {@code fake}. */
    String config(FakeUpstream fake, Path script) {
        String base = fake.baseUri().toString();
        String off = "storage: none\n";
        return off + switch (this) {
            case SIMULATOR -> "providers: [{id: up, type: simulator}]\nmodels: [{name: m, provider: up, "
                    + "options: {reply: script, script: '" + script + "'}}]\n";
            case OPENAI -> "providers: [{id: up, type: openai, base_url: '" + base + "/v1', api_key: sk-up}]\n"
                    + "models: [{name: m, provider: up, upstream_model: gpt-4o-mini}]\n";
            case ANTHROPIC -> "providers: [{id: up, type: anthropic, base_url: '" + base + "', api_key: sk-ant}]\n"
                    + "models: [{name: m, provider: up, upstream_model: claude-sonnet-4-5}]\n";
            case BEDROCK -> "providers: [{id: up, type: bedrock, base_url: '" + base + "', region: us-east-1, "
                    + "access_key_id: AKIDEXAMPLE, secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}]\n"
                    + "models: [{name: m, provider: up, upstream_model: amazon.nova-lite-v1:0}]\n";
        };
    }

    /** Queues the recorded answer for one call; nothing for the simulator. */
    void prime(FakeUpstream fake, boolean stream) {
        if (this != SIMULATOR) {
            fake.enqueue(transcripts().resolve(stream ? "stream.http" : "chat.http"));
        }
    }
}
