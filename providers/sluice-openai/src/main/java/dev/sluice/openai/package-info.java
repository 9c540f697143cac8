/**
 * The OpenAI wire format and the {@code openai} provider.
 *
 * <p>{@link dev.sluice.openai.OpenAiChatCodec} translates Chat Completions JSON to and from the canonical model in both
 * directions: it decodes callers' requests and encodes answers for the inbound {@code /v1/chat/completions} API, and
 * encodes upstream requests and decodes upstream answers for {@link dev.sluice.openai.OpenAiProvider}, a transform
 * that the gateway's engine drives (it owns no I/O). Embeddings and model lists have their own small codecs.
 * OpenAI-compatible servers (Azure OpenAI, vLLM, Ollama, others) are rows of {@link dev.sluice.openai.CompatProfile},
 * not classes. All codecs are pure and thread-safe; stream encoders and decoders are one-per-stream state machines
 * without I/O of their own.
 */
package dev.sluice.openai;
