/**
 * The Amazon Bedrock Converse / ConverseStream wire format and the {@code bedrock} provider.
 *
 * <p>{@link dev.sluice.bedrock.BedrockCodec} is both the inbound codec (callers using a Bedrock SDK against Sluice)
 * and the upstream codec used by {@link dev.sluice.bedrock.BedrockProvider}, a transform that owns no I/O (the
 * gateway's engine sends its requests and feeds it the answers). Streams use the binary AWS event-stream framing:
 * {@link dev.sluice.bedrock.BedrockStreamEncoder} writes it, and {@link dev.sluice.bedrock.BedrockStreamDecoder},
 * fed the body's bytes split anywhere, frames them and turns the messages into canonical events. Upstream requests
 * are authenticated with a Bedrock API key (bearer) or AWS Signature Version 4, by adding headers.
 */
package dev.sluice.bedrock;
