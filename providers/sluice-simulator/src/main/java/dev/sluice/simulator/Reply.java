package dev.sluice.simulator;

/** What the simulated model decided to answer, before it is cut to length and paced. */
sealed interface Reply {

    /** A text answer. */
    record Text(String text) implements Reply { }

    /** A call of the tool {@code name} with the JSON text of its arguments object. */
    record ToolCall(String name, String argumentsJson) implements Reply { }
}
