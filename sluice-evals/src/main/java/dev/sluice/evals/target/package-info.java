/**
 * Targets under evaluation and the HTTP clients that call them: models and routes through the gateway's
 * OpenAI-compatible API (streamed, to measure time to first token) and endpoints of the user's application.
 */
package dev.sluice.evals.target;
