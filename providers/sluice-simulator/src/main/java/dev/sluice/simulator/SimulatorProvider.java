package dev.sluice.simulator;

import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.LocalProvider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code simulator} provider: answers chat, streaming and embedding calls without any upstream, as configured by
 * the options of the provider entry (defaults) and of each model (which win). See {@link AnswerPlanner} for what it
 * answers, {@link AnswerStreamer} for pacing and flow control, and {@link SimulatedModel} for how faults repeat with a
 * seed.
 *
 * <p>A call first draws its faults: an injected error fails the stage at once (before any event, so the gateway may
 * fall back); an injected timeout leaves it pending until the attempt is cancelled; a drop cuts the answer after some
 * chunks. A non-streamed chat call is the same stream, assembled by the engine, so it takes as long as a streamed one.
 *
 * <p>Threading: the methods run on the call's event loop and never block. Waiting is done with timers on
 * {@link Attempt#loop()}; a cancelled attempt ends the call promptly with a {@link ErrorType#TIMEOUT} error. What is
 * computed up front on the loop is bounded: usage is counted with a real tokenizer exactly for the first 64 KiB
 * (UTF-8) of a request's text and estimated beyond it at about four bytes per token (see {@link Tokenizer}), so one
 * huge prompt costs a linear scan rather than seconds of BPE; an echoed answer is cut into tokens the same way.
 * Thread-safe; holds one tokenizer, loaded at construction.
 */
public final class SimulatorProvider implements LocalProvider {

    private final ProviderSpec spec;
    private final ProviderContext context;
    private final Tokenizer tokenizer;
    private final AnswerPlanner planner;
    private final Map<Deployment, SimulatedModel> models = new ConcurrentHashMap<>();

    /**
     * Checks the provider entry's settings and loads the tokenizer ({@code encoding}: {@code o200k_base}, the default,
     * or {@code cl100k_base}).
     *
     * @throws ConfigException naming the bad setting
     */
    public SimulatorProvider(ProviderSpec spec, ProviderContext context) {
        this.spec = spec;
        this.context = context;
        Set<String> known = new HashSet<>(OptionsReader.OPTION_KEYS);
        known.addAll(OptionsReader.PROVIDER_ONLY_KEYS);
        OptionsReader.checkKeys(spec.settings(), known, spec.configPath());
        OptionsReader.read(OptionsReader.merge(spec.settings(), Json.object()), spec.configPath(), context.baseDir(),
                false);
        this.tokenizer = new Tokenizer(encoding(spec));
        this.planner = new AnswerPlanner(tokenizer);
    }

    private static EncodingType encoding(ProviderSpec spec) {
        String name = spec.text("encoding", EncodingType.O200K_BASE.getName());
        return switch (name) {
            case "o200k_base" -> EncodingType.O200K_BASE;
            case "cl100k_base" -> EncodingType.CL100K_BASE;
            default -> throw new ConfigException(spec.configPath() + ".encoding",
                    "unknown encoding '" + name + "' (known: o200k_base, cl100k_base)");
        };
    }

    /** Plays the answer into {@code sink} on the attempt's loop; never throws, the stage fails instead. */
    @Override
    public CompletionStage<Void> stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        long start = System.nanoTime();
        try {
            SimulatedModel model = model(attempt.deployment());
            CallDraw draw = model.nextCall();
            CompletableFuture<Void> fault = injectedFault(draw, model.options().faults(), attempt);
            if (fault != null) {
                return fault;
            }
            Answer answer = planner.plan(request, model.options(), draw.loremSeed());
            return AnswerStreamer.play(answer, request.model(), model.options().pacing(), draw, attempt, sink, start);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Answers at once (pending only when a hang is drawn); never throws, the stage fails instead. */
    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Attempt attempt) {
        try {
            SimulatedModel model = model(attempt.deployment());
            CompletableFuture<EmbeddingResponse> fault =
                    injectedFault(model.nextCall(), model.options().faults(), attempt);
            return fault != null ? fault : CompletableFuture.completedFuture(embeddings(request, model.options()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private EmbeddingResponse embeddings(EmbeddingRequest request, SimulatorOptions options) {
        int dimensions = request.dimensions() == null ? options.dimensions() : request.dimensions();
        if (dimensions < 1 || dimensions > 8192) {
            throw GatewayException.invalid("dimensions must be from 1 to 8192, not " + dimensions, "dimensions");
        }
        if ((long) dimensions * request.input().size() > EmbeddingRequest.MAX_VALUES) {
            throw GatewayException.invalid(request.input().size() + " texts of " + dimensions + " dimensions is more "
                    + "than " + EmbeddingRequest.MAX_VALUES + " numbers in one answer", "input");
        }
        List<float[]> vectors = new ArrayList<>(request.input().size());
        Tokenizer.Allowance exact = new Tokenizer.Allowance();
        long tokens = 0;
        for (String text : request.input()) {
            vectors.add(PseudoEmbeddings.vector(text, dimensions));
            tokens += tokenizer.count(text, exact);
        }
        return new EmbeddingResponse(request.model(), vectors, Usage.of(tokens, 0));
    }

    /** Checks the model's options merged over the provider's; loads its script file. */
    @Override
    public void validate(Deployment deployment, String configPath) {
        String prefix = configPath + ".options";
        OptionsReader.checkKeys(deployment.options(), OptionsReader.OPTION_KEYS, prefix);
        models.put(deployment, new SimulatedModel(OptionsReader.read(
                OptionsReader.merge(spec.settings(), deployment.options()), prefix, context.baseDir(), true)));
    }

    private SimulatedModel model(Deployment deployment) {
        SimulatedModel known = models.get(deployment);
        return known != null ? known : models.computeIfAbsent(deployment, this::load);
    }

    private SimulatedModel load(Deployment deployment) {
        try {
            OptionsReader.checkKeys(deployment.options(), OptionsReader.OPTION_KEYS, "options");
            return new SimulatedModel(OptionsReader.read(OptionsReader.merge(spec.settings(), deployment.options()),
                    "model '" + deployment.name() + "' options", context.baseDir(), true));
        } catch (ConfigException e) {
            throw GatewayException.of(ErrorType.INTERNAL, "simulator model '" + deployment.name()
                    + "' is misconfigured: " + e.getMessage());
        }
    }

    /**
     * The call's injected fault, if one was drawn: a stage failed with the configured error, or one that stays pending
     * until the attempt is cancelled (then fails with a timeout); null when the call goes ahead.
     */
    private <T> CompletableFuture<T> injectedFault(CallDraw draw, Faults faults, Attempt attempt) {
        if (draw.error()) {
            int status = faults.errorStatus();
            return CompletableFuture.failedFuture(new GatewayError(ErrorType.fromStatus(status), status,
                    "simulated upstream error (status " + status + ")", spec.id(), faults.retryAfter(), null)
                    .toException());
        }
        if (draw.timeout()) {
            CompletableFuture<T> hang = new CompletableFuture<>();
            attempt.onCancel(() -> hang.completeExceptionally(AnswerStreamer.cancelled()));
            return hang;
        }
        return null;
    }
}
