/**
 * The canonical model of Sluice: one typed representation of chat requests, responses, stream events, usage and
 * errors, into and out of which every wire format (OpenAI, Anthropic, Bedrock Converse, ...) is translated.
 * Nothing here does I/O; everything is immutable and safe to share between threads.
 */
package dev.sluice.api;
