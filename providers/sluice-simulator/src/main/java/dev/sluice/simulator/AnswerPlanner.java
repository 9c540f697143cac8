package dev.sluice.simulator;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what the simulated model answers to a request and cuts it to length. Pure apart from tokenizing;
 * thread-safe.
 *
 * <p>Rules: after a tool result (last message {@link Role#TOOL}) echo and script models answer with the first text
 * rule of the script that matches the result text, else {@code "Tool result: <text>"}. Otherwise the {@code reply}
 * mode decides; a script's tool-call rule applies only when the request offers that tool and does not set tool
 * choice {@code none}. Text answers end at the first caller stop sequence (excluded, {@link StopReason#STOP_SEQUENCE}),
 * then are cut to {@code min(max_tokens, output_tokens)} tokens ({@link StopReason#MAX_TOKENS}). Lorem answers are
 * {@code output_tokens}, else the request's max tokens, else {@value #DEFAULT_LOREM_TOKENS} tokens long, with text
 * that depends only on the seed and the last user message. Tool calls are not cut.
 */
final class AnswerPlanner {

    static final int DEFAULT_LOREM_TOKENS = 100;

    private final Tokenizer tokenizer;

    AnswerPlanner(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    Answer plan(ChatRequest request, SimulatorOptions options, long loremSeed) {
        int input = tokenizer.countInput(request);
        Reply reply = reply(request, options);
        if (reply instanceof Reply.ToolCall call) {
            Tokenizer.Tokens args = tokenizer.split(call.argumentsJson(), Integer.MAX_VALUE);
            int output = tokenizer.count(call.name()) + args.count();
            return new Answer(call.name(), args.chunks(), StopReason.TOOL_USE, null, Usage.of(input, output));
        }
        String text = ((Reply.Text) reply).text();
        int limit = limit(request, options.pacing());
        int natural = Integer.MAX_VALUE;
        if (options.mode() == ReplyMode.LOREM) {
            natural = loremLength(request, options.pacing());
            long seed = loremSeed ^ request.lastUserText().hashCode();
            if (request.stop().isEmpty()) { // the common case: no text to search, tokens looked up by piece
                Tokenizer.Tokens tokens = tokenizer.splitPieces(Lorem.pieces(Math.min(natural, limit), seed),
                        Math.min(natural, limit));
                boolean maxed = tokens.truncated() && limit < natural;
                return new Answer(null, tokens.chunks(), maxed ? StopReason.MAX_TOKENS : StopReason.END_TURN, null,
                        Usage.of(input, tokens.count()));
            }
            text = Lorem.text(Math.min(natural, limit), seed);
        }
        String stopSequence = firstStop(text, request.stop());
        if (stopSequence != null) {
            text = text.substring(0, text.indexOf(stopSequence));
        }
        Tokenizer.Tokens tokens = tokenizer.split(text, Math.min(natural, limit));
        boolean maxed = tokens.truncated() && limit < natural;
        StopReason reason = maxed ? StopReason.MAX_TOKENS
                : stopSequence != null ? StopReason.STOP_SEQUENCE : StopReason.END_TURN;
        return new Answer(null, tokens.chunks(), reason, maxed ? null : stopSequence,
                Usage.of(input, tokens.count()));
    }

    private static Reply reply(ChatRequest request, SimulatorOptions options) {
        List<Message> messages = request.messages();
        boolean afterTool = !messages.isEmpty() && messages.getLast().role() == Role.TOOL;
        if (afterTool && (options.mode() == ReplyMode.ECHO || options.mode() == ReplyMode.SCRIPT)) {
            String result = toolResultText(messages.getLast());
            Reply scripted = options.script() == null ? null : options.script().answer(result, Set.of());
            return scripted != null ? scripted : new Reply.Text("Tool result: " + result);
        }
        return switch (options.mode()) {
            case ECHO, LOREM -> new Reply.Text(request.lastUserText());
            case FIXED -> new Reply.Text(options.fixedText());
            case SCRIPT -> {
                Reply scripted = options.script().answer(request.lastUserText(), offeredTools(request));
                yield scripted != null ? scripted : new Reply.Text(request.lastUserText());
            }
        };
    }

    private static Set<String> offeredTools(ChatRequest request) {
        if (request.tools().isEmpty()
                || (request.toolChoice() != null && request.toolChoice().mode() == ToolChoice.Mode.NONE)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (Tool t : request.tools()) {
            names.add(t.name());
        }
        return names;
    }

    private static String toolResultText(Message message) {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : message.content()) {
            String part = switch (b) {
                case ContentBlock.ToolResult r -> r.content();
                case ContentBlock.Text t -> t.text();
                default -> "";
            };
            if (!part.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "\n").append(part);
            }
        }
        return sb.toString();
    }

    private static int limit(ChatRequest request, Pacing pacing) {
        int limit = request.maxTokens() == null ? Integer.MAX_VALUE : Math.max(0, request.maxTokens());
        return pacing.outputTokens() == null ? limit : Math.min(limit, pacing.outputTokens());
    }

    private static int loremLength(ChatRequest request, Pacing pacing) {
        if (pacing.outputTokens() != null) {
            return pacing.outputTokens();
        }
        return request.maxTokens() != null && request.maxTokens() > 0 ? request.maxTokens() : DEFAULT_LOREM_TOKENS;
    }

    /** The stop sequence that occurs first in {@code text}, or null. */
    static String firstStop(String text, List<String> stops) {
        String first = null;
        int at = Integer.MAX_VALUE;
        for (String s : stops) {
            if (s == null || s.isEmpty()) {
                continue;
            }
            int i = text.indexOf(s);
            if (i >= 0 && i < at) {
                at = i;
                first = s;
            }
        }
        return first;
    }
}
