/**
 * The {@code simulator} provider: a model without a model, for demos, load tests and fault drills.
 *
 * <p>{@link dev.sluice.simulator.SimulatorProvider} answers chat and embedding calls in canonical form (the gateway's
 * codecs turn them into every inbound API shape) with echoed, fixed, scripted or generated replies, paced like a
 * real model (time to first token, tokens per second), with usage counted by a real tokenizer, and with injected
 * faults (errors, hangs, dropped streams) that repeat exactly for a given seed. It is a
 * {@link dev.sluice.spi.LocalProvider}: it runs on the call's event loop, waits with timers and never blocks it.
 * Options are parsed once per model into {@link dev.sluice.simulator.SimulatorOptions}; everything else in the
 * package is package-private machinery.
 */
package dev.sluice.simulator;
