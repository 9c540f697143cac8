package dev.sluice.gateway.engine;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public model names to their targets. Immutable after construction. */
public final class ModelRegistry {

    private final Map<String, Target> targets;

    public ModelRegistry(List<Target> targets) {
        Map<String, Target> m = new LinkedHashMap<>();
        targets.forEach(t -> m.put(t.deployment().name(), t));
        this.targets = Map.copyOf(m);
        this.names = List.copyOf(m.keySet());
    }

    private final List<String> names;

    /** The target for a public name; a NOT_FOUND error naming the model otherwise. */
    public Target resolve(String model) {
        Target t = targets.get(model);
        if (t == null) {
            throw new GatewayException(new dev.sluice.api.error.GatewayError(ErrorType.NOT_FOUND, 404,
                    "The model '" + model + "' does not exist or you do not have access to it.", null, null,
                    "model"));
        }
        return t;
    }

    /** Public model names in config order. */
    public List<String> names() { return names; }

    public List<Target> targets() { return names.stream().map(targets::get).toList(); }
}
