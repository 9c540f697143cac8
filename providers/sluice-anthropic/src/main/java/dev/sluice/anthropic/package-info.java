/**
 * The Anthropic Messages wire format and the {@code anthropic} provider.
 *
 * <p>{@link dev.sluice.anthropic.AnthropicCodec} translates Messages API JSON to and from the canonical model in both
 * directions: callers' {@code POST /v1/messages} requests and the answers, streams and errors sent back to them, and
 * the upstream requests and answers of {@link dev.sluice.anthropic.AnthropicProvider}, a transform that the gateway's
 * engine drives and that owns no I/O. The system prompt, which Anthropic carries apart, and tool results, which it
 * carries inside user turns, are moved in and out here. Stream encoders and decoders are one-per-stream state machines
 * without I/O of their own.
 */
package dev.sluice.anthropic;
