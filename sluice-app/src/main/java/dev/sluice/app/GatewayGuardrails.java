package dev.sluice.app;

import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.guardrails.Attachments;
import dev.sluice.gateway.guardrails.GuardrailInterceptor;
import dev.sluice.gateway.guardrails.GuardrailRef;
import dev.sluice.spi.ConfigException;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's guardrail interceptor as the config sets it up: the guardrails attached to models
 * ({@code models[].guardrail}), to routes ({@code routes[].guardrail}, by the route's public name) and to keys, use
 * cases and teams ({@code guardrails.attach}), found in the catalog.
 * Every attached guardrail must exist when Sluice starts, or the start fails naming the key. A guardrail a virtual key
 * carries comes before all of these; routes made at run time bring theirs through {@link RouteOptions}.
 */
final class GatewayGuardrails {

    private GatewayGuardrails() { }

    /**
     * @param keys the guardrails that virtual keys carry (set through the admin keys API), which come first
     * @param judgeToken the token of the guardrails' judge calls, which no guardrail checks
     * @throws ConfigException naming an attachment whose guardrail version does not exist
     */
    static GuardrailInterceptor interceptor(SluiceConfig config, GuardrailCatalog catalog,
                                            dev.sluice.api.access.KeyDirectory keys, String judgeToken) {
        GuardrailSettings settings = GuardrailSettings.from(config.section(GuardrailSettings.WHERE));
        Map<String, GuardrailRef> models = new HashMap<>();
        for (ModelConfig m : config.models()) {
            if (m.guardrail() != null) {
                exists(catalog, m.guardrail(), m.configPath() + ".guardrail");
                models.put(m.name(), m.guardrail());
            }
        }
        for (RouteConfig r : config.routes()) { // a route's public name is called like a model's
            if (r.guardrail() != null) {
                exists(catalog, r.guardrail(), r.configPath() + ".guardrail");
                models.put(r.name(), r.guardrail());
            }
        }
        GuardrailSettings.Attach attach = settings.attach();
        attach.keys().forEach((k, ref) -> exists(catalog, ref, "guardrails.attach.keys." + k));
        attach.useCases().forEach((k, ref) -> exists(catalog, ref, "guardrails.attach.use_cases." + k));
        attach.teams().forEach((k, ref) -> exists(catalog, ref, "guardrails.attach.teams." + k));
        return new GuardrailInterceptor(catalog,
                new Attachments(attach.keys(), attach.useCases(), attach.teams(), models), keys, judgeToken);
    }

    private static void exists(GuardrailCatalog catalog, GuardrailRef ref, String where) {
        if (catalog.lookup(ref.id(), ref.version()) == null) {
            throw new ConfigException(where + ".id", "there is no guardrail '" + ref.id() + "' with version "
                    + ref.version() + " (define it under guardrails.definitions or through the API)");
        }
    }
}
