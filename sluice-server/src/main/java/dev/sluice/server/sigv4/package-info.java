/**
 * AWS Signature Version 4 as a server checks it: a virtual key's key pair (access key id + the key's secret) signs a
 * request the way every AWS SDK signs for any AWS service, and {@link dev.sluice.server.sigv4.SigV4Verifier} accepts
 * the request when the signature is the one Sluice computes. Header form only ({@code Authorization:
 * AWS4-HMAC-SHA256 ...}); no pre-signed URLs, no session tokens, no unsigned or chunked payloads.
 */
package dev.sluice.server.sigv4;
