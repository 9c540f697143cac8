/**
 * Bedrock's JSON for guardrails, both ways: the control plane's definitions ({@code CreateGuardrail},
 * {@code GetGuardrail}) and the runtime's {@code ApplyGuardrail} request and response, with Bedrock's field names, so
 * that the AWS SDKs' {@code bedrock} and {@code bedrock-runtime} clients work against Sluice unchanged. Pure
 * functions over Jackson trees; faults in a body are {@link dev.sluice.guardrails.bedrock.BedrockValidation}
 * exceptions naming the field in Bedrock's own spelling ({@code sensitiveInformationPolicyConfig.piiEntitiesConfig[0]
 * .type}).
 */
package dev.sluice.guardrails.bedrock;
