package dev.sluice.guardrails.apply;

/** Which side of a model call a text comes from: the prompt ({@code INPUT}) or the model's answer ({@code OUTPUT}). */
public enum Source {
    INPUT,
    OUTPUT
}
