package dev.sluice.guardrails.definition;

import dev.sluice.spi.ConfigBinder;
import java.util.List;

/**
 * {@code contextualGroundingPolicyConfig}: one or two filters (GROUNDING, RELEVANCE; each type at most once). The
 * checks run on the output side: an answer against the grounding source and the query that came with it.
 */
public record GroundingPolicyConfig(List<GroundingFilterConfig> filtersConfig) {

    public GroundingPolicyConfig {
        Fields.noNulls(filtersConfig, "filters_config");
        filtersConfig = filtersConfig == null ? List.of() : List.copyOf(filtersConfig);
        if (filtersConfig.isEmpty()) {
            throw new ConfigBinder.Invalid("filters_config", "give at least one filter (GROUNDING or RELEVANCE)");
        }
        if (filtersConfig.size() == 2 && filtersConfig.get(0).type().equals(filtersConfig.get(1).type())) {
            throw new ConfigBinder.Invalid("filters_config[1].type", "'" + filtersConfig.get(1).type()
                    + "' is listed twice");
        }
        Fields.size(filtersConfig, 2, "filters_config");
    }
}
