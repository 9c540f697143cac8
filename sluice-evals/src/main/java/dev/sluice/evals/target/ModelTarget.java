package dev.sluice.evals.target;

import dev.sluice.evals.dataset.EvalCase;
import dev.sluice.evals.suite.TargetSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model or route called through the gateway, streamed. */
public final class ModelTarget implements Target {

    private final TargetSpec.Model spec;
    private final GatewayClient client;

    public ModelTarget(TargetSpec.Model spec, GatewayClient client) {
        this.spec = spec;
        this.client = client;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "model");
        s.put("model", spec.model());
        if (spec.system() != null) {
            s.put("system", spec.system());
        }
        s.put("params", new java.util.TreeMap<>(spec.params()));
        return s;
    }

    @Override
    public TargetOutput call(String prompt, EvalCase evalCase) {
        return client.chat(spec.name(), spec.model(), spec.system(), prompt, spec.params(), true);
    }
}
