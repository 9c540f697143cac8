package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.gateway.guardrails.GuardrailRef;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config's {@code guardrails} section: the region and account that guardrail ARNs name, and guardrails defined in
 * the file, each with Bedrock's definition fields in snake_case plus its {@code id} and {@code version}. Guardrails
 * from the file are read-only through the API. Every fault names its key ({@code guardrails.definitions[0]
 * .sensitive_information_policy_config.pii_entities_config[1].type}), which the config places on its line.
 *
 * <pre>
 * guardrails:
 *   region: eu-west-1            # optional, for ARNs; default "local"
 *   account_id: "123456789012"   # optional, for ARNs; default 000000000000
 *   definitions:
 *     - id: support              # 1 to 64 lowercase letters and digits, unique
 *       version: 3               # optional, default 1: the number this definition answers to (DRAFT too)
 *       name: support-bot
 *       blocked_input_messaging: ...
 *       blocked_outputs_messaging: ...
 *       sensitive_information_policy_config: {pii_entities_config: [{type: EMAIL, action: ANONYMIZE}]}
 *   attach:                      # optional: guardrails applied to every call of a key, use case or team
 *     keys: {key-id: {id: support, version: 3}}
 *     use_cases: {claims-bot: {id: support}}       # no version: DRAFT
 *     teams: {search: {id: support, version: DRAFT}}
 * </pre>
 * A model's own guardrail is {@code models[].guardrail}; the most specific attachment wins (key, use case, team,
 * model).
 */
record GuardrailSettings(String region, String accountId, List<Defined> definitions, Attach attach) {

    static final String WHERE = "guardrails";
    static final GuardrailSettings NONE = new GuardrailSettings("local", "000000000000", List.of(), Attach.NONE);
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,20}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    /** A guardrail from the file. */
    record Defined(String id, String version, GuardrailConfig config) { }

    /** The section as written; {@code definitions} are bound one by one. */
    record Section(String region, String accountId, List<JsonNode> definitions, AttachSection attach) { }

    /** {@code attach} as written. */
    record AttachSection(java.util.Map<String, RefSection> keys, java.util.Map<String, RefSection> useCases,
                         java.util.Map<String, RefSection> teams) { }

    /** One attachment as written. */
    record RefSection(String id, String version) { }

    /** Guardrails attached to keys, use cases and teams, by their ids. */
    record Attach(java.util.Map<String, GuardrailRef> keys, java.util.Map<String, GuardrailRef> useCases,
                  java.util.Map<String, GuardrailRef> teams) {
        static final Attach NONE = new Attach(java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
    }

    /** @throws ConfigException naming the key that is wrong */
    static GuardrailSettings from(JsonNode node) {
        Section s = ConfigBinder.bind(node, Section.class, WHERE);
        if (s == null) {
            return NONE;
        }
        String region = s.region() == null ? NONE.region() : s.region();
        String account = s.accountId() == null ? NONE.accountId() : s.accountId();
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException(WHERE + ".region", "must be 1 to 20 lowercase letters, digits or '-'");
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw new ConfigException(WHERE + ".account_id", "must be 12 digits (write it in quotes)");
        }
        List<Defined> defined = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> list = s.definitions() == null ? List.of() : s.definitions();
        for (int i = 0; i < list.size(); i++) {
            String at = WHERE + ".definitions[" + i + "]";
            Defined d = defined(list.get(i), at);
            if (!ids.add(d.id())) {
                throw new ConfigException(at + ".id", "'" + d.id() + "' is defined twice");
            }
            if (!names.add(d.config().name())) {
                throw new ConfigException(at + ".name", "'" + d.config().name() + "' is used twice");
            }
            defined.add(d);
        }
        return new GuardrailSettings(region, account, List.copyOf(defined), attach(s.attach()));
    }

    private static Attach attach(AttachSection a) {
        if (a == null) {
            return Attach.NONE;
        }
        String at = WHERE + ".attach";
        return new Attach(refs(a.keys(), at + ".keys"), refs(a.useCases(), at + ".use_cases"),
                refs(a.teams(), at + ".teams"));
    }

    private static java.util.Map<String, GuardrailRef> refs(java.util.Map<String, RefSection> in, String at) {
        java.util.Map<String, GuardrailRef> out = new java.util.HashMap<>();
        if (in != null) {
            in.forEach((owner, ref) -> {
                String where = at + "." + owner;
                if (ref == null || ref.id() == null || !ID.matcher(ref.id()).matches()) {
                    throw new ConfigException(where + ".id", "is required: a guardrail id");
                }
                String version = ref.version() == null ? GuardrailRef.DRAFT : ref.version();
                if (!GuardrailRef.validVersion(version)) {
                    throw new ConfigException(where + ".version", "must be DRAFT or a version number from 1");
                }
                out.put(owner, new GuardrailRef(ref.id(), version));
            });
        }
        return java.util.Map.copyOf(out);
    }

    private static Defined defined(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(at, "must be a mapping with id, name, blocked_input_messaging, ...");
        }
        ObjectNode rest = ((ObjectNode) node).deepCopy();
        JsonNode id = rest.remove("id");
        JsonNode version = rest.remove("version");
        if (id == null || !id.isTextual() || !ID.matcher(id.textValue()).matches()) {
            throw new ConfigException(at + ".id", "is required: 1 to 64 lowercase letters and digits");
        }
        long number = 1;
        if (version != null && !version.isNull()) {
            number = version.canConvertToLong() && version.isIntegralNumber() ? version.longValue()
                    : version.isTextual() && version.textValue().matches("[0-9]{1,8}")
                    ? Long.parseLong(version.textValue()) : -1;
            if (number < 1 || number > 99_999_999) {
                throw new ConfigException(at + ".version", "must be a whole number from 1 to 99999999");
            }
        }
        return new Defined(id.textValue(), Long.toString(number), GuardrailJson.fromConfig(rest, at));
    }

    /** The ARN of a guardrail. */
    String arn(String id) {
        return "arn:aws:bedrock:" + region + ":" + accountId + ":guardrail/" + id;
    }
}
