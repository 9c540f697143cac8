/**
 * What an inbound API adapter needs from a wire format: decode a caller's request, encode the answer (whole or as a
 * stream) and encode errors, all in that API's own shape. The same codec classes encode upstream requests and decode
 * upstream answers for the provider of that format.
 */
package dev.sluice.api.wire;
