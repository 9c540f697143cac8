package dev.sluice.gateway.engine;

import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Builds the providers of a config with the factories found by {@link ServiceLoader}, then checks every model's
 * options with its provider. The only place that maps provider types to code.
 */
public final class ProviderRegistry implements AutoCloseable {

    private final Map<String, Provider> providers;
    private final Map<String, String> types;
    private final ModelRegistry models;

    private ProviderRegistry(Map<String, Provider> providers, Map<String, String> types, ModelRegistry models) {
        this.providers = providers;
        this.types = types;
        this.models = models;
    }

    /** All factories on the class path, by type. */
    public static Map<String, ProviderFactory> factories() {
        Map<String, ProviderFactory> out = new TreeMap<>();
        ServiceLoader.load(ProviderFactory.class).forEach(f -> out.put(f.type(), f));
        return out;
    }

    public static ProviderRegistry build(SluiceConfig config, ProviderContext context) {
        Map<String, ProviderFactory> factories = factories();
        Map<String, Provider> providers = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        try {
            for (ProviderSpec spec : config.providers()) {
                ProviderFactory f = factories.get(spec.type());
                if (f == null) {
                    throw new ConfigException(spec.configPath() + ".type", "unknown provider type '" + spec.type()
                            + "' (known: " + String.join(", ", factories.keySet()) + ")");
                }
                providers.put(spec.id(), f.create(spec, context));
                types.put(spec.id(), spec.type());
            }
            List<Target> targets = new ArrayList<>();
            Map<String, dev.sluice.gateway.config.ModelConfig.Breaker> breakers = new LinkedHashMap<>();
            for (ModelConfig m : config.models()) {
                Provider p = providers.get(m.deployment().providerId());
                p.validate(m.deployment(), m.configPath());
                targets.add(new Target(m.deployment(), p, types.get(m.deployment().providerId())));
                if (m.breaker() != null) {
                    breakers.put(m.name(), m.breaker());
                }
            }
            return new ProviderRegistry(providers, types, new ModelRegistry(targets, config.routes(), breakers));
        } catch (RuntimeException e) {
            providers.values().forEach(Provider::close);
            throw e;
        }
    }

    public ModelRegistry models() { return models; }

    public String typeOf(String providerId) { return types.get(providerId); }

    @Override
    public void close() {
        providers.values().forEach(Provider::close);
    }
}
