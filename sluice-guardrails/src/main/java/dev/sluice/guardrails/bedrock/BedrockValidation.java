package dev.sluice.guardrails.bedrock;

/**
 * A request Bedrock would refuse with {@code ValidationException} (400): names the field in Bedrock's spelling, or
 * none when the body as a whole is wrong (not JSON, not an object).
 */
public final class BedrockValidation extends RuntimeException {

    private final String field;

    public BedrockValidation(String field, String problem) {
        super(field == null || field.isEmpty() ? problem : field + ": " + problem, null, false, false);
        this.field = field;
    }

    /** The field at fault ({@code sensitiveInformationPolicyConfig.regexesConfig[0].pattern}), or null. */
    public String field() { return field; }
}
