package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ProviderSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The secrets a config holds, to be kept out of everything Sluice sends or stores: the master and encryption keys,
 * and every provider setting named like a secret ({@code api_key}, {@code aws_secret_access_key},
 * {@code session_token}, {@code password}, ...) at any depth, after {@code ${ENV}} interpolation.
 */
public final class ConfiguredSecrets {

    private ConfiguredSecrets() { }

    public static List<String> of(SluiceConfig config) {
        List<String> out = new ArrayList<>();
        if (config.server().masterKey() != null) {
            out.add(config.server().masterKey());
        }
        if (config.server().encryptionKey() != null) {
            out.add(config.server().encryptionKey());
        }
        for (ProviderSpec p : config.providers()) {
            collect(p.settings(), false, out);
        }
        return List.copyOf(out);
    }

    /** Whether a setting's name says it holds a secret. */
    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "_");
        return n.contains("key") && !n.endsWith("_id") && !n.equals("key_file") || n.contains("secret")
                || n.contains("token") && !n.contains("tokens") || n.contains("password")
                || n.contains("credential") || n.equals("authorization");
    }

    private static void collect(JsonNode node, boolean secret, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (secret) {
                out.add(node.textValue());
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collect(e.getValue(), secret || secretName(e.getKey()), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, secret, out));
        }
    }
}
