package dev.sluice.testkit;

import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ChatResponseAssembler;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.LocalProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls a provider as the engine does, and waits for the answer: an {@link HttpProvider}'s transform is driven by the
 * real event-loop transport ({@link TestLoops#driver()}) on the attempt's loop; a {@link LocalProvider} runs on that
 * loop too. Failures are rethrown as they are (a {@link GatewayException} stays one); a call whose attempt the test
 * cancelled fails with a {@code TIMEOUT} error, as the engine reports it. A call that takes longer than 30 s fails the
 * test.
 */
public final class Calls {

    private static final long TIMEOUT_SECONDS = 30;

    private Calls() { }

    public static ChatResponse chat(Provider provider, ChatRequest request, Attempt attempt) {
        return await(attempt, () -> switch (provider) {
            case HttpProvider http -> TestLoops.driver().chat(http, request, attempt);
            case LocalProvider local -> {
                ChatResponseAssembler assembled = new ChatResponseAssembler();
                yield local.stream(request.toBuilder().stream(false).build(), attempt, assembled)
                        .toCompletableFuture().thenApply(v -> assembled.response(0));
            }
            default -> throw new IllegalArgumentException("unknown provider kind " + provider.getClass());
        });
    }

    public static void stream(Provider provider, ChatRequest request, Attempt attempt, ChatEventSink sink) {
        ChatRequest streamed = request.stream() ? request : request.toBuilder().stream(true).build();
        await(attempt, () -> switch (provider) {
            case HttpProvider http -> TestLoops.driver().stream(http, streamed, attempt, sink);
            case LocalProvider local -> local.stream(streamed, attempt, sink).toCompletableFuture();
            default -> throw new IllegalArgumentException("unknown provider kind " + provider.getClass());
        });
    }

    public static EmbeddingResponse embed(Provider provider, EmbeddingRequest request, Attempt attempt) {
        return await(attempt, () -> switch (provider) {
            case HttpProvider http -> TestLoops.driver().embed(http, request, attempt);
            case LocalProvider local -> local.embed(request, attempt).toCompletableFuture();
            default -> throw new IllegalArgumentException("unknown provider kind " + provider.getClass());
        });
    }

    /** A whole answer on an HTTP provider's fast path: {@code request} (as {@code pass} built it) goes as it is. */
    public static PassedAnswer passThrough(HttpProvider provider, PassThrough pass, UpstreamRequest request,
                                           String publicModel, Attempt attempt) {
        return await(attempt, () -> TestLoops.driver().passThrough(provider, pass, request, publicModel, attempt));
    }

    private static <T> T await(Attempt attempt, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt.loop().execute(() -> {
            try {
                call.get().whenComplete((v, e) -> {
                    if (e == null) {
                        result.complete(v);
                    } else {
                        result.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            Object[] outcome = result.handle((v, e) -> new Object[] {v, e}).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (outcome[1] == null) {
                @SuppressWarnings("unchecked")
                T value = (T) outcome[0];
                return value;
            }
            if (attempt.cancelled()) { // as the engine reports an aborted exchange: the cause, here the test's cancel
                throw new GatewayException(GatewayError.of(ErrorType.TIMEOUT, "the attempt was cancelled"),
                        (Throwable) outcome[1]);
            }
            throw rethrow((Throwable) outcome[1]);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the provider call did not end within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof RuntimeException r) {
            return r;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new RuntimeException(c);
    }
}
