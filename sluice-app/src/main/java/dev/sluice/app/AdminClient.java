package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's client of a running Sluice's admin API. */
final class AdminClient {

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(String url, String key) {
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.key = key;
    }

    /** GET a JSON document; throws {@link CliException} with a readable message on any failure. */
    JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    /**
     * Sends {@code body} (JSON, or null for none) and reads the JSON answer; throws {@link CliException} with a
     * readable message on any failure, including any status other than 200 and 201.
     */
    JsonNode send(String method, String pathAndQuery, JsonNode body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .header("authorization", "Bearer " + key).header("content-type", "application/json")
                    .method(method, publisher).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = r.body().length == 0 ? Json.object() : Json.parse(r.body());
            if (r.statusCode() == 404 && pathAndQuery.startsWith("/admin/")
                    && answer.path("error").path("message").asText()
                            .equals(dev.sluice.server.SluiceServer.LEDGER_OFF)) {
                throw new CliException(2, "sluice: the Sluice at " + base + " keeps no ledger (its config says "
                        + "storage: none), so it has no admin API; start it with storage to use this command");
            }
            if (r.statusCode() != 200 && r.statusCode() != 201) {
                throw new CliException(2, "sluice: " + base + " answered " + r.statusCode() + ": "
                        + answer.path("error").path("message").asText(answer.toString()));
            }
            return answer;
        } catch (ConnectException e) {
            throw new CliException(2, "sluice: no Sluice answers at " + base + " (start one with ./sluice serve,"
                    + " or pass --url)");
        } catch (IOException e) {
            throw new CliException(2, "sluice: cannot read the answer from " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(2, "sluice: interrupted");
        }
    }

    /** An error that ends a CLI command with an exit code and a message. */
    static final class CliException extends RuntimeException {
        final int exitCode;

        CliException(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
