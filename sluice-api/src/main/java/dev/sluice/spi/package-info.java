/**
 * Extension points. A provider is one package or module that implements {@link dev.sluice.spi.ProviderFactory} and
 * registers it with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.sluice.spi.ProviderFactory}); nothing
 * else in Sluice names provider types.
 */
package dev.sluice.spi;
