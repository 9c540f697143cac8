package dev.sluice.guardrails.definition;

import dev.sluice.spi.ConfigBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code contentPolicyConfig}: content filters and prompt-attack detection, each category at most once, and (a Sluice
 * addition) {@code judgeModel}: a gateway model (or route) that confirms each category the local classifier detects
 * ({@link dev.sluice.guardrails.judge.Judge}).
 */
public record ContentPolicyConfig(List<ContentFilterConfig> filtersConfig, String judgeModel) {

    public ContentPolicyConfig {
        Fields.judgeModel(judgeModel);
        Fields.noNulls(filtersConfig, "filters_config");
        filtersConfig = filtersConfig == null ? List.of() : List.copyOf(filtersConfig);
        if (filtersConfig.isEmpty()) {
            throw new ConfigBinder.Invalid("filters_config", "give at least one filter");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < filtersConfig.size(); i++) {
            if (!seen.add(filtersConfig.get(i).type())) {
                throw new ConfigBinder.Invalid("filters_config[" + i + "].type", "'" + filtersConfig.get(i).type()
                        + "' is listed twice");
            }
        }
    }
}
