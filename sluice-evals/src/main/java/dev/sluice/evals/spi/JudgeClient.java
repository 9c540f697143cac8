package dev.sluice.evals.spi;

/** Sends a prompt to a judge model and returns its answer text. Thread-safe; throws GatewayException on failure. */
@FunctionalInterface
public interface JudgeClient {

    String ask(String model, String system, String prompt);
}
