package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice audit verify}: checks the hash chain of the audit log; exit 1 when it is broken. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check that no audit row was edited, deleted or removed from the end.",
                    "Exit codes: 0 intact, 1 broken (names the first broken row), 2 cannot check."})
    static final class Verify implements Callable<Integer> {

        @Mixin
        ServerOptionsMixin server;

        @Override
        public Integer call() {
            try {
                JsonNode v = server.client().get("/admin/audit/verify");
                if (v.path("intact").asBoolean()) {
                    System.out.println("audit log intact: " + v.path("rows_checked").asLong() + " rows, newest seq "
                            + v.path("head_seq").asLong() + " (this node had seen up to seq "
                            + v.path("anchored_seq").asLong() + "), head " + v.path("head_hash").asText());
                    return 0;
                }
                System.out.println("audit log BROKEN at seq " + v.path("first_broken_seq").asLong() + ": "
                        + v.path("problem").asText());
                return 1;
            } catch (AdminClient.CliException e) {
                System.err.println(e.getMessage());
                return e.exitCode;
            }
        }
    }
}
