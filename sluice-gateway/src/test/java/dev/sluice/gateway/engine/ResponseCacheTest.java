package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.MODEL;
import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.chat.Message;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.RequestIds;
import dev.sluice.gateway.cache.CachePolicy;
import dev.sluice.gateway.cache.CacheSettings;
import dev.sluice.gateway.cache.LocalAnswerStore;
import dev.sluice.gateway.cache.ResponseCache;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache in its place in the real chain, over the engine's fixture (a scripted provider that counts the
 * attempts reaching it), with a clock the test moves and, for the semantic cache, an embedder that counts letters
 * (so that prompts with the same letters are similar and the test needs no model).
 */
class ResponseCacheTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final AtomicInteger embeddings = new AtomicInteger();
    /** The threads prompts were embedded on. */
    private final List<Thread> embeddedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    private GatewayFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    private GatewayFixture cached(CachePolicy policy) {
        CacheSettings settings = new CacheSettings(1 << 20, 100, Map.of(MODEL, policy));
        fixture = new GatewayFixture().cache(new ResponseCache(settings, new LocalAnswerStore(1 << 20, clock),
                this::letters, clock));
        return fixture;
    }

    private static CachePolicy exact(Duration ttl) {
        return new CachePolicy(ttl, CachePolicy.Scope.TEAM, null);
    }

    /** 26 numbers: how many of each letter. */
    private float[] letters(String text) {
        embeddings.incrementAndGet();
        embeddedOn.add(Thread.currentThread());
        float[] v = new float[26];
        for (char c : text.toLowerCase().toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                v[c - 'a']++;
            }
        }
        return v;
    }

    private CallContext call(Caller caller, String cacheControl) {
        return new CallContext(RequestIds.next(), "openai", "chat", caller, System.nanoTime(), null, null, Map.of())
                .cacheControl(cacheControl).bind(fixture.loop, null);
    }

    private CallContext call() {
        return call(new Caller("k1", "team-a", "uc-1", null), null);
    }

    private static ChatRequest asking(String prompt) {
        return ChatRequest.builder().model(MODEL).messages(List.of(Message.user(prompt))).build();
    }

    private int upstreamCalls() {
        return fixture.provider.calls.get();
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheCacheWithoutGoingUpstream() {
        cached(exact(Duration.ofMinutes(10)));
        CallContext first = call();
        ChatResponse answer = await(fixture.chat(first, request(MODEL)));
        CallContext second = call();
        ChatResponse again = await(fixture.chat(second, request(MODEL).toBuilder().user("someone-else").build()));
        assertThat(upstreamCalls()).isEqualTo(1);
        assertThat(again.text()).isEqualTo(answer.text()).isEqualTo("hi upstream-id");
        assertThat(again.usage()).isEqualTo(answer.usage());
        assertThat(first.responseHeaders()).containsEntry(ResponseCache.HEADER, "miss");
        assertThat(second.responseHeaders()).containsEntry(ResponseCache.HEADER, "hit")
                .doesNotContainKey(ResponseCache.SIMILARITY_HEADER);
        var records = fixture.recorder.calls;
        assertThat(records).extracting(r -> r.outcome().cacheHit()).containsExactly(false, true);
        assertThat(records.get(1).routing().attempts()).as("no attempt").isZero();
        assertThat(records.get(1).routing().deployment()).isNull();
    }

    @Test
    void aStreamIsStoredAndServedAgainAsAStreamOrAsAWholeAnswer() {
        cached(exact(Duration.ofMinutes(10)));
        List<ChatEvent> streamed = new ArrayList<>();
        await(fixture.stream(call(), request(MODEL), streamed::add));
        List<ChatEvent> replayed = new ArrayList<>();
        CallContext hit = call();
        await(fixture.stream(hit, request(MODEL), replayed::add));
        ChatResponse whole = await(fixture.chat(call(), request(MODEL)));
        assertThat(upstreamCalls()).isEqualTo(1);
        assertThat(hit.responseHeaders()).containsEntry(ResponseCache.HEADER, "hit");
        assertThat(assembled(replayed).text()).isEqualTo(assembled(streamed).text()).isEqualTo("hi upstream-id");
        assertThat(assembled(replayed).usage()).isEqualTo(assembled(streamed).usage());
        assertThat(replayed.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(replayed).last().isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(whole.text()).isEqualTo("hi upstream-id");
        assertThat(fixture.recorder.calls.get(1).timing().ttftNanos()).as("a replayed stream has a first token").isPositive();
    }

    private static ChatResponse assembled(List<ChatEvent> events) {
        ChatResponseAssembler a = new ChatResponseAssembler();
        events.forEach(a::accept);
        return a.response(0);
    }

    @Test
    void twoTeamsNeverShareAnEntryButOneTeamsKeysDo() {
        cached(exact(Duration.ofMinutes(10)));
        await(fixture.chat(call(new Caller("k1", "team-a", null, null), null), request(MODEL)));
        await(fixture.chat(call(new Caller("k2", "team-b", null, null), null), request(MODEL)));
        assertThat(upstreamCalls()).as("team-b does not see team-a's answer").isEqualTo(2);
        CallContext sameTeam = call(new Caller("k3", "team-a", null, null), null);
        await(fixture.chat(sameTeam, request(MODEL)));
        assertThat(upstreamCalls()).as("another key of team-a does").isEqualTo(2);
        assertThat(sameTeam.responseHeaders()).containsEntry(ResponseCache.HEADER, "hit");
    }

    @Test
    void noCacheGoesUpstreamAndStoresNoStoreDoesNeither() {
        cached(exact(Duration.ofMinutes(10)));
        CallContext noStore = call(new Caller("k1", "team-a", null, null), "no-store");
        await(fixture.chat(noStore, request(MODEL)));
        assertThat(noStore.responseHeaders()).containsEntry(ResponseCache.HEADER, "bypass");
        CallContext noCache = call(new Caller("k1", "team-a", null, null), "max-age=0, No-Cache");
        await(fixture.chat(noCache, request(MODEL)));
        assertThat(noCache.responseHeaders()).containsEntry(ResponseCache.HEADER, "miss");
        assertThat(upstreamCalls()).as("no-store stored nothing, no-cache did not look").isEqualTo(2);
        CallContext plain = call();
        await(fixture.chat(plain, request(MODEL)));
        assertThat(upstreamCalls()).as("what no-cache stored is served").isEqualTo(2);
        assertThat(plain.responseHeaders()).containsEntry(ResponseCache.HEADER, "hit");
    }

    @Test
    void anAnswerExpiresAfterItsTtl() {
        cached(exact(Duration.ofMinutes(10)));
        await(fixture.chat(call(), request(MODEL)));
        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        await(fixture.chat(call(), request(MODEL)));
        assertThat(upstreamCalls()).as("still fresh a millisecond before").isEqualTo(1);
        now.addAndGet(1);
        CallContext expired = call();
        await(fixture.chat(expired, request(MODEL)));
        assertThat(upstreamCalls()).as("gone at its TTL").isEqualTo(2);
        assertThat(expired.responseHeaders()).containsEntry(ResponseCache.HEADER, "miss");
    }

    @Test
    void failedCallsAndOtherNamesAreNeverCached() {
        cached(exact(Duration.ofMinutes(10)));
        fixture.provider.mode = ScriptedProvider.Mode.FAIL;
        GatewayFixture.failure(fixture.chat(call(), request(MODEL)));
        fixture.provider.mode = ScriptedProvider.Mode.ANSWER;
        CallContext after = call();
        await(fixture.chat(after, request(MODEL)));
        assertThat(upstreamCalls()).as("the error was not stored").isEqualTo(2);
        assertThat(after.responseHeaders()).containsEntry(ResponseCache.HEADER, "miss");
    }

    @Test
    void aDifferentParameterIsADifferentEntry() {
        cached(exact(Duration.ofMinutes(10)));
        await(fixture.chat(call(), request(MODEL)));
        await(fixture.chat(call(), request(MODEL).toBuilder().temperature(0.2).build()));
        await(fixture.chat(call(), request(MODEL).toBuilder().maxTokens(10).build()));
        assertThat(upstreamCalls()).isEqualTo(3);
    }

    @Test
    void aSimilarPromptGetsTheStoredAnswerWithItsSimilarity() {
        cached(new CachePolicy(Duration.ofMinutes(10), CachePolicy.Scope.TEAM, new CachePolicy.Semantic(0.95,
                false)));
        await(fixture.chat(call(), asking("What is the capital of France?")));
        CallContext similar = call();
        ChatResponse answer = await(fixture.chat(similar, asking("what is the capital of france")));
        assertThat(upstreamCalls()).isEqualTo(1);
        assertThat(answer.text()).isEqualTo("hi upstream-id");
        assertThat(similar.responseHeaders()).containsEntry(ResponseCache.HEADER, "hit")
                .containsEntry(ResponseCache.SIMILARITY_HEADER, "1.0000");
        CallContext different = call();
        await(fixture.chat(different, asking("Tell me about the weather in Tokyo")));
        assertThat(upstreamCalls()).as("below the threshold").isEqualTo(2);
        assertThat(different.responseHeaders()).containsEntry(ResponseCache.HEADER, "miss")
                .doesNotContainKey(ResponseCache.SIMILARITY_HEADER);
        CallContext otherTeam = call(new Caller("k9", "team-b", null, null), null);
        await(fixture.chat(otherTeam, asking("what is the capital of france")));
        assertThat(upstreamCalls()).as("another team's similar prompt").isEqualTo(3);
        CallContext conversation = call();
        await(fixture.chat(conversation, ChatRequest.builder().model(MODEL).messages(List.of(
                Message.user("hello"), Message.assistant("hi"), Message.user("What is the capital of France?")))
                .build()));
        assertThat(upstreamCalls()).as("multi-turn requests are not matched by default").isEqualTo(4);
        assertThat(embeddedOn).as("every prompt embedded, none on the event loop").hasSize(embeddings.get())
                .isNotEmpty().doesNotContain(fixture.loopThread);
    }
}
