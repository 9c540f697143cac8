/** Small shared pieces for HTTP providers: sending with cancellation, reading SSE, parsing retry hints. */
package dev.sluice.spi.http;
