package dev.sluice.gateway.guardrails;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.access.KeyGuardrail;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.GuardrailRequest;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireText;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.gateway.engine.ChatInput;
import dev.sluice.gateway.engine.ChatResult;
import dev.sluice.gateway.engine.Interceptor;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Steps 3 and 6 of the chain ({@link dev.sluice.gateway.engine.Interceptors}): the input and output guardrails.
 *
 * <p>Which guardrail: the one the caller's key carries ({@link KeyDirectory#guardrail}, set through the admin keys
 * API), else the one the configuration attaches to the caller's key, use case or team, or to the model or route
 * ({@link Attachments}, replaced whole when the routes change: {@link #attachments(Attachments)}); else the one the
 * caller asks for: Bedrock Converse's {@code guardrailConfig} (its
 * {@code guardContent} blocks, {@code trace} and {@code streamProcessingMode} are honoured), or the
 * {@code x-sluice-guardrail: id[:version]} header on any API. A caller cannot replace an attached guardrail; its
 * {@code trace} and stream mode still apply. A call no guardrail applies to passes straight through, its request not
 * decoded (the provider's fast path stays on). A guarded call for a whole answer keeps the fast path too when its
 * texts can be read from the caller's bytes ({@link WirePromptTexts}; not for a Converse {@code guardrailConfig}, whose
 * marks and trace need the decoded request): a masked prompt is spliced into those bytes, and the answer's texts are
 * read from the upstream's bytes, which pass unchanged when nothing is found ({@link #answer}). A stream's prompt is
 * decoded (the fast path is off): {@link GuardedStream} reads canonical events.
 *
 * <p>On the way in the prompt's system, user and tool-result texts are checked ({@link PromptTexts}): a block answers
 * the guardrail's blocked-input message at once, as a normal answer that ends with
 * {@link StopReason#GUARDRAIL_INTERVENED} (each API's own words for it), and nothing goes upstream; a mask sends the
 * masked prompt upstream. On the way back a whole answer's text is checked before it is sent (blocked: the
 * blocked-output message; masked: the masked text), and a stream as it flows ({@link GuardedStream}). Finding the
 * guardrail (which may read the database) and every check run on the worker pool, never on the loop. What was found
 * goes on the call's record ({@link CallContext#guardrailVerdict}). Thread-safe; per-call state lives in the call's
 * stages.
 */
public final class GuardrailInterceptor implements Interceptor {

    /** The guardrail header of OpenAI and Anthropic callers (any caller, in fact). */
    public static final String HEADER = "x-sluice-guardrail";

    /** The header with which a guardrail's judge model calls the gateway, unguarded (see {@link #judgeToken}). */
    public static final String JUDGE_HEADER = "x-sluice-guardrail-judge";

    private final GuardrailLibrary library;
    private final KeyDirectory keys;
    /** The process's judge token as bytes, or null: then no call skips its guardrails. */
    private final byte[] judgeToken;
    /** Read once per call; replaced whole when the routes (and so the routes' guardrails) change. */
    private volatile Attachments attachments;

    public GuardrailInterceptor(GuardrailLibrary library, Attachments attachments) {
        this(library, attachments, KeyDirectory.NONE);
    }

    /** @param keys the guardrails the callers' keys carry, which win over every attachment */
    public GuardrailInterceptor(GuardrailLibrary library, Attachments attachments, KeyDirectory keys) {
        this(library, attachments, keys, null);
    }

    /**
     * @param judgeToken a secret made when the process starts, which only its guardrails' judge models send (in
     *     {@value #JUDGE_HEADER}): their calls are part of a guardrail's check, so no guardrail applies to them. A
     *     judge call through a guarded model would otherwise be checked by a guardrail that may ask the judge again,
     *     without end. Null: no call skips its guardrails.
     */
    public GuardrailInterceptor(GuardrailLibrary library, Attachments attachments, KeyDirectory keys,
                                String judgeToken) {
        this.library = library;
        this.attachments = attachments;
        this.keys = keys;
        this.judgeToken = judgeToken == null ? null : judgeToken.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Applies {@code next} to the calls that start from now on (the routes' guardrails changed). */
    public void attachments(Attachments next) {
        this.attachments = java.util.Objects.requireNonNull(next, "next");
    }

    /** The attachments in force now. */
    public Attachments attachments() {
        return attachments;
    }

    /** What the call asked for, once its guardrail is known. */
    private record Asked(String identifier, String version, boolean perCall, boolean trace, boolean async,
                         GuardrailRequest marks) {

        List<String> guardContent() { return marks == null ? List.of() : marks.guardContent(); }

        boolean marked() { return marks != null && marks.marked(); }

        /** The grounding source and query blocks that the answer is checked against. */
        List<TextBlock> context() {
            if (marks == null) {
                return List.of();
            }
            List<TextBlock> out = new ArrayList<>();
            marks.groundingSources().forEach(t -> out.add(new TextBlock(t, List.of("grounding_source"))));
            marks.queries().forEach(t -> out.add(new TextBlock(t, List.of("query"))));
            return out;
        }
    }

    /** The guardrail found and the prompt's check. */
    private record Started(CallGuard guard, CallGuard.Checked input) { }

    @Override
    public CompletionStage<ChatResult> chat(CallContext call, ChatInput input, Chain chain) {
        Asked asked = asked(call, input);
        if (asked == null) {
            return chain.chat(call, input);
        }
        CheckedPrompt prompt = prompt(input, asked);
        return started(call, asked, prompt, started -> proceed(call, input, chain, prompt, started));
    }

    /** Once the prompt is checked: its block answered, or the (masked) prompt sent on and the answer checked. */
    private static CompletionStage<ChatResult> proceed(CallContext call, ChatInput input, Chain chain,
                                                       CheckedPrompt prompt, Started started) {
        CallGuard guard = started.guard();
        Assessment in = guard.note(call, Source.INPUT, started.input());
        if (in.verdict() == Verdict.BLOCKED) {
            if (guard.trace()) {
                call.answerTrace(GuardrailTrace.of(guard, null));
            }
            return CompletableFuture.completedFuture(ChatResult.of(blocked(call, input, guard.blockedInput())));
        }
        if (!guard.trace()) {
            call.readAnswerTexts(); // a passed answer's texts read with its usage, in one pass
        }
        return chain.chat(call, rewritten(input, prompt, in)).thenCompose(result -> answer(call, guard, input, result));
    }

    @Override
    public CompletionStage<Void> stream(CallContext call, ChatInput input, ChatEventSink sink, Chain chain) {
        Asked asked = asked(call, input);
        if (asked == null) {
            return chain.stream(call, input, sink);
        }
        CheckedPrompt prompt = new PromptTexts(input.request(), asked.guardContent(), asked.marked());
        return started(call, asked, prompt, started -> {
            CallGuard guard = started.guard();
            Assessment in = guard.note(call, Source.INPUT, started.input());
            if (guard.trace()) {
                call.answerTrace(GuardrailTrace.of(guard, null));
            }
            if (in.verdict() == Verdict.BLOCKED) {
                streamBlocked(call, input, guard.blockedInput(), sink);
                return CompletableFuture.<Void>completedFuture(null);
            }
            GuardedStream guarded = new GuardedStream(call, guard, sink, call::offload);
            return chain.stream(call, rewritten(input, prompt, in), guarded).thenCompose(done -> guarded.finish());
        });
    }

    /**
     * The prompt's checked texts for a whole answer: read from the caller's bytes when they can be (the fast path
     * stays on), else from the decoded request. A Converse {@code guardrailConfig} is always decoded: its marks,
     * grounding context and trace are read from the canonical request, and it must not go upstream as it is.
     */
    private static CheckedPrompt prompt(ChatInput input, Asked asked) {
        if (asked.marks() == null && !input.stream()) {
            WirePrompt wire = input.promptTexts();
            if (wire != null) {
                return WirePromptTexts.of(wire);
            }
        }
        return new PromptTexts(input.request(), asked.guardContent(), asked.marked());
    }

    /** The guardrail that applies to the call, or null when none does. */
    private Asked asked(CallContext call, ChatInput input) {
        GuardrailRequest body = input.guardrailRequest();
        String header = call.guardrailHeader();
        KeyGuardrail own = keys.guardrail(call.caller());
        Attachments attached = this.attachments;
        GuardrailRef ref = own != null || attached.isEmpty() ? null : attached.of(call.caller(), input.model());
        if (own == null && ref == null && body == null && header == null) {
            return null;
        }
        if (judgeCall(call)) {
            return null;
        }
        boolean trace = body != null && body.trace();
        boolean async = body != null && body.async();
        if (own != null) {
            return new Asked(own.id(), own.version(), false, trace, async, body);
        }
        if (ref != null) {
            return new Asked(ref.id(), ref.version(), false, trace, async, body);
        }
        if (body != null) {
            return new Asked(body.identifier(), body.version(), true, trace, async, body);
        }
        GuardrailRef asked = GuardrailRef.parseHeader(header);
        if (asked == null) {
            throw new GatewayException(GatewayError.invalid("The " + HEADER + " header must be a guardrail id, "
                    + "optionally followed by ':' and DRAFT or a version number.", HEADER));
        }
        return new Asked(asked.id(), asked.version(), true, false, false, null);
    }

    /** Whether the call is a guardrail's judge asking its model: it carries this process's token. */
    private boolean judgeCall(CallContext call) {
        String judge = call.judgeHeader();
        return judge != null && judgeToken != null && java.security.MessageDigest.isEqual(judgeToken,
                judge.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Finds the guardrail and checks the prompt, then goes on with {@code next}: on the loop when the guardrail is
     * known without blocking and the prompt is short ({@link CallGuard#INLINE_CHARS}), and then {@code next} runs
     * from here, not from a future's callback (a shallower stack for the rest of the call, no stage to allocate);
     * else on a worker.
     */
    private <T> CompletionStage<T> started(CallContext call, Asked asked, CheckedPrompt prompt,
                                           Function<Started, CompletionStage<T>> next) {
        GuardrailLibrary.Found known = library.cached(asked.identifier(), asked.version());
        if (known != null && CallGuard.inline(known, CallGuard.chars(prompt.blocks()))) {
            return next.apply(start(known, asked, prompt));
        }
        return call.offload(() -> start(known, asked, prompt)).thenCompose(next);
    }

    /** Finds the guardrail, unless {@code known}, and checks the prompt. */
    private Started start(GuardrailLibrary.Found known, Asked asked, CheckedPrompt prompt) {
        GuardrailLibrary.Found found = known != null ? known : library.lookup(asked.identifier(), asked.version());
        if (found == null) {
            throw missing(asked);
        }
        CallGuard guard = new CallGuard(found, asked.trace(), asked.async(), asked.context());
        return new Started(guard, guard.check(Source.INPUT, prompt.blocks()));
    }

    /**
     * A guardrail the caller named that does not exist is its mistake (400); one the configuration attaches that
     * does not exist (deleted since) stops the call (503) rather than let it through unchecked.
     */
    private static GatewayException missing(Asked asked) {
        String what = "guardrail " + asked.identifier() + " version " + asked.version();
        return new GatewayException(asked.perCall()
                ? GatewayError.invalid("There is no " + what + ".", "guardrailConfig.guardrailIdentifier")
                : new GatewayError(ErrorType.UPSTREAM_UNAVAILABLE, 503, "The " + what + " attached to this call "
                        + "cannot be found; the call is refused rather than sent unchecked.", null, null, null));
    }

    private static ChatInput rewritten(ChatInput input, CheckedPrompt prompt, Assessment in) {
        return in.verdict() == Verdict.ANONYMIZED ? prompt.masked(input, in.outputs()) : input;
    }

    /**
     * Checks a whole answer before it is sent. An answer that took the fast path is checked as read from its bytes
     * ({@link ChatInput#answerTexts}) and passes unchanged when nothing is found; when something is (rare), it is read
     * in canonical form and checked anew as a translated answer is, so that blocking and masking work as they always
     * did (the first check is then not counted).
     */
    private static CompletionStage<ChatResult> answer(CallContext call, CallGuard guard, ChatInput input,
                                                      ChatResult result) {
        List<WireText> wire = result.passed() == null || guard.trace() ? null
                : result.passed().texts() != null ? result.passed().texts() : input.answerTexts(result.passed().body());
        if (wire == null) {
            return canonicalAnswer(call, guard, result.passed() == null ? result : ChatResult.of(result.canonical()));
        }
        List<TextBlock> texts = new ArrayList<>(wire.size());
        for (WireText t : wire) {
            texts.add(t.toolArguments() ? TextBlock.toolArguments(t.text()) : TextBlock.of(t.text()));
        }
        if (texts.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return checked(call, guard, texts, checked -> passed(call, guard, result, checked));
    }

    /** A passed answer as checked: unchanged when nothing was found, else read in canonical form and checked anew. */
    private static CompletionStage<ChatResult> passed(CallContext call, CallGuard guard, ChatResult result,
                                                      CallGuard.Checked checked) {
        if (checked.assessment().verdict() != Verdict.NONE) {
            return canonicalAnswer(call, guard, ChatResult.of(result.canonical()));
        }
        guard.note(call, Source.OUTPUT, checked);
        return CompletableFuture.completedFuture(result);
    }

    /**
     * Checks answer texts, then goes on with {@code next}: on the loop when cheap enough ({@link CallGuard#inline}),
     * {@code next} then running from here, else on a worker.
     */
    private static <T> CompletionStage<T> checked(CallContext call, CallGuard guard, List<TextBlock> texts,
                                                  Function<CallGuard.Checked, CompletionStage<T>> next) {
        return guard.inline(CallGuard.chars(texts)) ? next.apply(guard.check(Source.OUTPUT, texts))
                : call.offload(() -> guard.check(Source.OUTPUT, texts)).thenCompose(next);
    }

    /** Checks a canonical answer's text and tool-call arguments ({@link AnswerTexts}) before it is sent. */
    private static CompletionStage<ChatResult> canonicalAnswer(CallContext call, CallGuard guard, ChatResult result) {
        ChatResponse response = result.response();
        AnswerTexts answer = new AnswerTexts(response);
        List<TextBlock> texts = answer.blocks();
        if (texts.isEmpty()) {
            if (guard.trace()) {
                call.answerTrace(GuardrailTrace.of(guard, response.text()));
            }
            return CompletableFuture.completedFuture(result);
        }
        return checked(call, guard, texts, checked -> {
            Assessment out = guard.note(call, Source.OUTPUT, checked);
            if (guard.trace()) {
                call.answerTrace(GuardrailTrace.of(guard, response.text()));
            }
            return CompletableFuture.completedFuture(switch (out.verdict()) {
                case NONE -> result;
                case BLOCKED -> ChatResult.of(new ChatResponse(response.id(), response.model(),
                        List.of(new ContentBlock.Text(guard.blockedOutput())), StopReason.GUARDRAIL_INTERVENED,
                        null, response.usage(), response.createdEpochSeconds()));
                case ANONYMIZED -> ChatResult.of(answer.replaced(out.outputs()));
            });
        });
    }

    /** The answer to a blocked prompt: the blocked-input message, no tokens spent. */
    private static ChatResponse blocked(CallContext call, ChatInput input, String message) {
        return new ChatResponse(answerId(call), input.model(), List.of(new ContentBlock.Text(message)),
                StopReason.GUARDRAIL_INTERVENED, null, Usage.EMPTY, System.currentTimeMillis() / 1000);
    }

    private static void streamBlocked(CallContext call, ChatInput input, String message, ChatEventSink sink) {
        sink.accept(new ChatEvent.MessageStart(answerId(call), input.model()));
        sink.accept(new ChatEvent.TextDelta(0, message));
        sink.accept(new ChatEvent.MessageStop(StopReason.GUARDRAIL_INTERVENED, null));
        sink.accept(new ChatEvent.UsageReport(Usage.EMPTY));
    }

    private static String answerId(CallContext call) {
        return "guardrail-" + call.requestId();
    }
}
