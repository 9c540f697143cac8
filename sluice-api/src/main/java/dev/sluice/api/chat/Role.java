package dev.sluice.api.chat;

/** Who wrote a message. Tool results travel in {@link #TOOL} messages, whatever the wire format does. */
public enum Role { SYSTEM, USER, ASSISTANT, TOOL }
