package dev.sluice.evals.metric;

import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.suite.MetricSpec;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The scorer factories found on the class path, by type. Immutable once built; thread-safe. */
public final class ScorerRegistry {

    private final Map<String, ScorerFactory> factories;

    private ScorerRegistry(Map<String, ScorerFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Loads every {@link ScorerFactory} visible to {@code loader}; a type registered twice is an error. */
    public static ScorerRegistry load(ClassLoader loader) {
        Map<String, ScorerFactory> found = new TreeMap<>();
        for (ScorerFactory f : ServiceLoader.load(ScorerFactory.class, loader)) {
            ScorerFactory previous = found.putIfAbsent(f.type(), f);
            if (previous != null) {
                throw new IllegalStateException("metric type '" + f.type() + "' is registered by both "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return new ScorerRegistry(found);
    }

    public static ScorerRegistry standard() {
        return load(ScorerRegistry.class.getClassLoader());
    }

    public Scorer create(MetricSpec spec, ScorerContext context) {
        ScorerFactory f = factories.get(spec.type());
        if (f == null) {
            throw GatewayException.invalid("metric '" + spec.name() + "': unknown type '" + spec.type()
                    + "'; known types: " + String.join(", ", factories.keySet()), "metrics." + spec.name());
        }
        return f.create(spec, context);
    }
}
