package dev.sluice.guardrails.definition;

import dev.sluice.spi.ConfigBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sensitiveInformationPolicyConfig}: PII entity types and custom regexes, each type and each regex name at most
 * once; at most {@value #MAX_REGEXES} regexes, as in Bedrock.
 */
public record SensitiveInformationConfig(List<PiiEntityConfig> piiEntitiesConfig, List<RegexConfig> regexesConfig) {

    public static final int MAX_REGEXES = 10;

    public SensitiveInformationConfig {
        Fields.noNulls(piiEntitiesConfig, "pii_entities_config");
        Fields.noNulls(regexesConfig, "regexes_config");
        Fields.size(regexesConfig, MAX_REGEXES, "regexes_config");
        piiEntitiesConfig = piiEntitiesConfig == null ? List.of() : List.copyOf(piiEntitiesConfig);
        regexesConfig = regexesConfig == null ? List.of() : List.copyOf(regexesConfig);
        if (piiEntitiesConfig.isEmpty() && regexesConfig.isEmpty()) {
            throw new ConfigBinder.Invalid("pii_entities_config", "give at least one entity type or regex");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < piiEntitiesConfig.size(); i++) {
            if (!seen.add(piiEntitiesConfig.get(i).type())) {
                throw new ConfigBinder.Invalid("pii_entities_config[" + i + "].type", "'"
                        + piiEntitiesConfig.get(i).type() + "' is listed twice");
            }
        }
        seen.clear();
        for (int i = 0; i < regexesConfig.size(); i++) {
            if (!seen.add(regexesConfig.get(i).name())) {
                throw new ConfigBinder.Invalid("regexes_config[" + i + "].name", "'" + regexesConfig.get(i).name()
                        + "' is defined twice");
            }
        }
    }
}
