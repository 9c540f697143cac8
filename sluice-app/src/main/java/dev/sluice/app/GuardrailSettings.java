package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.guardrails.bedrock.GuardrailJson;
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
 * </pre>
 */
record GuardrailSettings(String region, String accountId, List<Defined> definitions) {

    static final String WHERE = "guardrails";
    static final GuardrailSettings NONE = new GuardrailSettings("local", "000000000000", List.of());
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,20}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    /** A guardrail from the file. */
    record Defined(String id, String version, GuardrailConfig config) { }

    /** The section as written; {@code definitions} are bound one by one. */
    record Section(String region, String accountId, List<JsonNode> definitions) { }

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
        return new GuardrailSettings(region, account, List.copyOf(defined));
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
