package dev.sluice.app;

import picocli.CommandLine.Option;

/** Where a running Sluice is, for commands that talk to it. */
final class ServerOptionsMixin {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:SLUICE_URL:-http://127.0.0.1:4000}",
            description = "Base URL of a running Sluice (default: $SLUICE_URL or http://127.0.0.1:4000).")
    String url;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:SLUICE_MASTER_KEY}",
            description = "The master key (default: $SLUICE_MASTER_KEY).")
    String key;

    AdminClient client() {
        if (key == null || key.isBlank()) {
            throw new AdminClient.CliException(2, "sluice: no key: pass --key or set SLUICE_MASTER_KEY");
        }
        return new AdminClient(url, key);
    }
}
