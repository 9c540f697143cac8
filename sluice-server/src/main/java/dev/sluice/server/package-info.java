/**
 * HTTP adapters (Helidon SE on virtual threads, HTTP/1.1 and HTTP/2 incl. cleartext): thin handlers that read a
 * body, decode it with the wire codec of their API, call the {@link dev.sluice.gateway.engine.Gateway}, and write
 * the answer or the error in that API's shape. Every response carries {@code x-request-id}.
 */
package dev.sluice.server;
