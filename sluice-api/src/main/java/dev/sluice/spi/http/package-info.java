/**
 * What an HTTP provider's transform is made of: the upstream {@link dev.sluice.spi.http.Endpoint}, the request it
 * builds, the answer it reads (whole or through an incremental {@link dev.sluice.spi.http.StreamDecoder}), SSE
 * framing, retry hints, and the one wording of upstream errors. No I/O: the engine's transport sends and reads.
 */
package dev.sluice.spi.http;
