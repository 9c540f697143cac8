/**
 * The Amazon Bedrock Converse / ConverseStream wire format and the {@code bedrock} provider.
 *
 * <p>{@link dev.sluice.bedrock.BedrockCodec} is both the inbound codec (callers using a Bedrock SDK against Sluice)
 * and the upstream codec used by {@link dev.sluice.bedrock.BedrockProvider}. Streams use the binary AWS event-stream
 * framing: {@link dev.sluice.bedrock.BedrockStreamEncoder} writes it, {@link dev.sluice.bedrock.EventStreamReader}
 * reads frames from a socket and {@link dev.sluice.bedrock.BedrockStreamDecoder} turns them into canonical events.
 * Upstream requests are authenticated with a Bedrock API key (bearer) or AWS Signature Version 4.
 */
package dev.sluice.bedrock;
