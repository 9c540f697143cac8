/** The YAML config: loading, {@code ${ENV}} interpolation and validation into records. */
package dev.sluice.gateway.config;
