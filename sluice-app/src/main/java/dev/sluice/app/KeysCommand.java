package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice keys create|list|revoke|rotate}: virtual keys from the terminal, through a running Sluice's admin API
 * (the master key). The secret of a new or rotated key is printed once; nothing keeps it.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = {"Virtual keys: one per application, scoped "
        + "to models, with limits and a budget.", "Exit codes: 0 done, 2 the server refused or cannot be reached."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class,
                KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs {@code body}, printing a failure's message and turning it into the exit code. */
    static Integer guarded(Callable<Integer> body) {
        try {
            return body.call();
        } catch (AdminClient.CliException e) {
            System.err.println(e.getMessage());
            return e.exitCode;
        } catch (Exception e) {
            System.err.println("sluice: " + e.getMessage());
            return 2;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key; print its secret and AWS access key id once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptionsMixin server;
        @Parameters(index = "0", description = "A name for the key, e.g. the application's.")
        String name;
        @Option(names = "--team", description = "The team (id or name) the key belongs to.")
        String team;
        @Option(names = "--use-case", description = "The use case (id) the key belongs to.")
        String useCase;
        @Option(names = "--environment", description = "A label such as prod or staging.")
        String environment;
        @Option(names = "--model", description = "A model the key may call (repeat for several; none: any).")
        List<String> models;
        @Option(names = "--expires-at", description = "When the key stops working, e.g. 2027-01-31T00:00:00Z.")
        String expiresAt;
        @Option(names = "--rpm", description = "Requests per minute.")
        Long rpm;
        @Option(names = "--tpm", description = "Tokens per minute.")
        Long tpm;
        @Option(names = "--budget-usd", description = "A budget in US dollars per --budget-period.")
        Double budgetUsd;
        @Option(names = "--budget-period", defaultValue = "month",
                description = "day, week, month or total (default: ${DEFAULT-VALUE}).")
        String budgetPeriod;
        @Option(names = "--guardrail", paramLabel = "id[:version]", description = "A guardrail applied to every call"
                + " made with the key, e.g. support:3 (no version: DRAFT); it must exist.")
        String guardrail;

        @Override
        public Integer call() {
            return guarded(() -> {
                ObjectNode body = Json.object().put("name", name).put("team", team).put("use_case", useCase)
                        .put("environment", environment).put("expires_at", expiresAt);
                if (models != null) {
                    models.forEach(body.putArray("models")::add);
                }
                if (rpm != null || tpm != null) {
                    ObjectNode limits = body.putObject("limits");
                    if (rpm != null) {
                        limits.put("rpm", rpm);
                    }
                    if (tpm != null) {
                        limits.put("tpm", tpm);
                    }
                }
                if (budgetUsd != null) {
                    body.putObject("budget").put("limit_usd", budgetUsd).put("period", budgetPeriod);
                }
                if (guardrail != null) {
                    int colon = guardrail.indexOf(':');
                    body.putObject("guardrail").put("id", colon < 0 ? guardrail : guardrail.substring(0, colon))
                            .put("version", colon < 0 ? "DRAFT" : guardrail.substring(colon + 1));
                }
                JsonNode k = server.client().send("POST", "/admin/keys", withoutNulls(body));
                System.out.println("created key " + k.path("id").asText() + " (" + k.path("name").asText() + ")");
                printPair(k);
                System.out.println("secret, shown once: " + k.path("key").asText());
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (prefixes only, never secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        ServerOptionsMixin server;

        @Override
        public Integer call() {
            return guarded(() -> {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"id", "name", "prefix", "access key id", "team", "use case", "models",
                    "guardrail", "state"});
                for (JsonNode k : server.client().get("/admin/keys").path("data")) {
                    rows.add(new String[] {k.path("id").asText(), k.path("name").asText(),
                            k.path("prefix").asText() + "...", k.path("aws_access_key_id").asText("-"),
                            k.path("team").asText("-"),
                            k.path("use_case").asText("-"), k.path("models").isArray()
                                    ? String.join(",", Json.MAPPER.convertValue(k.path("models"), String[].class))
                                    : "any",
                            k.path("guardrail").isObject() ? k.path("guardrail").path("id").asText() + ":"
                                    + k.path("guardrail").path("version").asText() : "-",
                            k.path("revoked_at").isNull() ? "active" : "revoked"});
                }
                Tables.print(rows, System.out);
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ServerOptionsMixin server;
        @Parameters(index = "0", description = "The key's id.")
        String id;

        @Override
        public Integer call() {
            return guarded(() -> {
                server.client().send("DELETE", "/admin/keys/" + id, null);
                System.out.println("revoked key " + id);
                return 0;
            });
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Give a key a new secret; the old one works for --grace-seconds more.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        ServerOptionsMixin server;
        @Parameters(index = "0", description = "The key's id.")
        String id;
        @Option(names = "--grace-seconds", defaultValue = "0",
                description = "How long the old secret keeps working (default: ${DEFAULT-VALUE}).")
        long graceSeconds;

        @Override
        public Integer call() {
            return guarded(() -> {
                JsonNode k = server.client().send("POST", "/admin/keys/" + id + "/rotate",
                        Json.object().put("grace_seconds", graceSeconds));
                System.out.println("rotated key " + id + "; the old secret works until "
                        + k.path("previous_valid_until").asText());
                printPair(k);
                System.out.println("new secret, shown once: " + k.path("key").asText());
                return 0;
            });
        }
    }

    /** The key pair for AWS SDKs: the access key id, whose secret access key is the secret printed next (last). */
    private static void printPair(JsonNode k) {
        if (k.path("aws_access_key_id").isTextual()) {
            System.out.println("AWS access key id: " + k.path("aws_access_key_id").asText()
                    + " (its AWS secret access key is the secret below)");
        }
    }

    private static ObjectNode withoutNulls(ObjectNode body) {
        ObjectNode out = Json.object();
        body.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
