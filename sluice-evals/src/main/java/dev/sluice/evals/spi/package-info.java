/**
 * The scorer SPI: implement {@link dev.sluice.evals.spi.ScorerFactory} and list it in
 * {@code META-INF/services/dev.sluice.evals.spi.ScorerFactory} to add a metric type usable from suite YAML.
 */
package dev.sluice.evals.spi;
