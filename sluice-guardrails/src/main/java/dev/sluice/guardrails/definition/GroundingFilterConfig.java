package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.Action;
import dev.sluice.spi.ConfigBinder;

/**
 * One entry of {@code contextualGroundingPolicyConfig.filtersConfig}, as in Bedrock: {@code type} GROUNDING (is the
 * answer supported by the grounding source?) or RELEVANCE (does it answer the query?), {@code threshold} from 0 to
 * 0.99 (an answer whose score is below it is flagged), {@code action} BLOCK (default) or NONE (report only) and
 * {@code enabled} (default true).
 */
public record GroundingFilterConfig(String type, Double threshold, String action, Boolean enabled) {

    /** The two filter types. */
    public enum Type { GROUNDING, RELEVANCE }

    public GroundingFilterConfig {
        if (type == null) {
            throw new ConfigBinder.Invalid("type", "is required (GROUNDING or RELEVANCE)");
        }
        if (!type.equals("GROUNDING") && !type.equals("RELEVANCE")) {
            throw new ConfigBinder.Invalid("type", "must be GROUNDING or RELEVANCE, not '" + type + "'");
        }
        if (threshold == null) {
            throw new ConfigBinder.Invalid("threshold", "is required (0 to 0.99; 0.5 for GROUNDING and 0.4 for"
                    + " RELEVANCE are the measured starting points)");
        }
        if (!(threshold >= 0 && threshold <= 0.99)) {
            throw new ConfigBinder.Invalid("threshold", "must be from 0 to 0.99, not " + threshold);
        }
        Fields.wordAction(action, "action");
    }

    public Type filterType() {
        return Type.valueOf(type);
    }

    /** The action when the score is below the threshold: BLOCK or NONE. */
    public Action actionOrDefault() {
        return Fields.wordAction(action, "action");
    }

    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }
}
