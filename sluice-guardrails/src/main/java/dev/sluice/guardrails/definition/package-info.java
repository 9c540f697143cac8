/**
 * Guardrail definitions as Bedrock's control plane writes them ({@code CreateGuardrail}'s body): records whose
 * components are Bedrock's field names, bound by {@link dev.sluice.spi.ConfigBinder} from a snake_case tree (the YAML
 * config's own keys, or an API body whose keys {@link dev.sluice.guardrails.bedrock.BedrockNames} turned to
 * snake_case). Each record checks its own values in its constructor and names the field that is wrong. Policies that
 * Sluice does not enforce yet (grounding, automated reasoning) are refused, never
 * stored and ignored.
 */
package dev.sluice.guardrails.definition;
