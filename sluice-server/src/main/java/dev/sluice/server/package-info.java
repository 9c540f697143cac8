/**
 * The HTTP edge (Netty, on the data plane's event loops; HTTP/1.1 and HTTP/2 including cleartext): one route table
 * ({@link dev.sluice.server.Routes}) for every public and admin route, thin handlers that decode a body with the wire
 * codec of their API, call the {@link dev.sluice.gateway.engine.Gateway} and write the answer or the error in that
 * API's shape, and one error handler ({@link dev.sluice.server.HttpEdge}). Every answer carries {@code x-request-id}.
 */
package dev.sluice.server;
