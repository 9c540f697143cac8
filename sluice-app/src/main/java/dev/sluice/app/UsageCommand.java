package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice usage}: requests, tokens, cost, latency and errors from the ledger, as a table. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show usage from the ledger of a running Sluice, grouped by key, team, use case, model or day.")
final class UsageCommand implements Callable<Integer> {

    @Mixin
    ServerOptionsMixin server;

    @Option(names = "--group-by", paramLabel = "FIELD", defaultValue = "model",
            description = "key, team, use_case, model or day (default: ${DEFAULT-VALUE}).")
    String groupBy;

    @Option(names = "--since", paramLabel = "TIME", description = "Start of the window (ISO-8601 instant).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "End of the window (ISO-8601 instant).")
    String until;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model.")
    String model;

    @Override
    public Integer call() {
        try {
            StringBuilder q = new StringBuilder("/admin/usage?format=json&group_by=").append(enc(groupBy));
            if (since != null) {
                q.append("&from=").append(enc(since));
            }
            if (until != null) {
                q.append("&to=").append(enc(until));
            }
            if (model != null) {
                q.append("&model=").append(enc(model));
            }
            JsonNode body = server.client().get(q.toString());
            JsonNode rows = body.has("data") ? body.get("data") : body;
            print(rows);
            return 0;
        } catch (AdminClient.CliException e) {
            System.err.println(e.getMessage());
            return e.exitCode;
        }
    }

    private void print(JsonNode rows) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {groupBy, "requests", "input tok", "output tok", "cost USD", "p50 ms", "p95 ms",
                "p50 TTFT ms", "errors"});
        for (JsonNode r : rows) {
            table.add(new String[] {r.path(groupBy).asText("-"), r.path("requests").asText(),
                    r.path("input_tokens").asText(), r.path("output_tokens").asText(), r.path("cost_usd").asText(),
                    ms(r.path("p50_latency_ms")), ms(r.path("p95_latency_ms")), ms(r.path("p50_ttft_ms")),
                    String.format("%.1f%%", r.path("error_rate").asDouble() * 100)});
        }
        Tables.print(table, System.out);
        if (rows.isEmpty()) {
            System.out.println("(no calls in the ledger for this window)");
        }
    }

    private static String ms(JsonNode n) {
        return n.isNumber() ? String.format("%.1f", n.asDouble()) : "-";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
