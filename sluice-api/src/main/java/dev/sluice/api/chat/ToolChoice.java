package dev.sluice.api.chat;

/** How the model may use tools: {@code name} is set only for {@link Mode#TOOL}. */
public record ToolChoice(Mode mode, String name) {

    public enum Mode { AUTO, NONE, ANY, TOOL }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice ANY = new ToolChoice(Mode.ANY, null);

    public static ToolChoice tool(String name) { return new ToolChoice(Mode.TOOL, name); }
}
