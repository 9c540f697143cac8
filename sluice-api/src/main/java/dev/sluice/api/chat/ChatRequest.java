package dev.sluice.api.chat;

import java.util.List;
import java.util.Objects;

/**
 * A chat request in canonical form, whatever API it arrived on.
 *
 * <p>Optional numeric settings are null when the caller did not set them, so that codecs can leave them out of the
 * upstream request. {@code model} is the public model name on the way in, and the upstream model id once a
 * deployment has been chosen (see {@link #withModel}).
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Integer maxTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        Long seed,
        String user,
        boolean stream,
        boolean includeUsage) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public ChatRequest withModel(String newModel) {
        return toBuilder().model(newModel).build();
    }

    public ChatRequest withMessages(List<Message> newMessages) {
        return toBuilder().messages(newMessages).build();
    }

    /** The system prompt: the text of all leading-or-anywhere system messages, joined by blank lines. */
    public String systemText() {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(m.text());
            }
        }
        return sb.toString();
    }

    /** The text of the last user message, or empty when there is none. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().model(model).messages(messages).tools(tools).toolChoice(toolChoice)
                .parallelToolCalls(parallelToolCalls).responseFormat(responseFormat).maxTokens(maxTokens)
                .temperature(temperature).topP(topP).stop(stop).seed(seed).user(user).stream(stream)
                .includeUsage(includeUsage);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String model;
        private List<Message> messages = List.of();
        private List<Tool> tools = List.of();
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private List<String> stop = List.of();
        private Long seed;
        private String user;
        private boolean stream;
        private boolean includeUsage;

        public Builder model(String v) { model = v; return this; }
        public Builder messages(List<Message> v) { messages = v; return this; }
        public Builder tools(List<Tool> v) { tools = v; return this; }
        public Builder toolChoice(ToolChoice v) { toolChoice = v; return this; }
        public Builder parallelToolCalls(Boolean v) { parallelToolCalls = v; return this; }
        public Builder responseFormat(ResponseFormat v) { responseFormat = v; return this; }
        public Builder maxTokens(Integer v) { maxTokens = v; return this; }
        public Builder temperature(Double v) { temperature = v; return this; }
        public Builder topP(Double v) { topP = v; return this; }
        public Builder stop(List<String> v) { stop = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder stream(boolean v) { stream = v; return this; }
        public Builder includeUsage(boolean v) { includeUsage = v; return this; }

        public ChatRequest build() {
            return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, maxTokens,
                    temperature, topP, stop, seed, user, stream, includeUsage);
        }
    }
}
