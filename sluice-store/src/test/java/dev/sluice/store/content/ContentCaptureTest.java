package dev.sluice.store.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

class ContentCaptureTest extends BothDatabases {

    @BothModes
    void bodiesAreStoredRedactedAndCutToTheCap(Storage storage) {
        String id = "content-" + UUID.randomUUID();
        Instant at = Instant.now();
        String longAnswer = "é".repeat(100);
        ContentCapture capture = ContentCapture.start(storage.dataSource(), tmp.resolve("j-" + id),
                new ContentSettings(true, 101), Redactor.standard());
        capture.capture(id, at, "{\"content\": \"mail me at bob@example.org\"}", longAnswer);
        capture.close();
        CapturedContent stored = capture.find(id).orElseThrow();
        assertThat(stored.startedAt()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        assertThat(stored.requestBody()).isEqualTo("{\"content\": \"mail me at [REDACTED_EMAIL]\"}");
        assertThat(stored.requestTruncated()).isFalse();
        assertThat(stored.responseBody()).isEqualTo("é".repeat(50));
        assertThat(stored.responseBody().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(101);
        assertThat(stored.responseTruncated()).isTrue();
    }

    @BothModes
    void captureIsOffByDefaultAndStoresNothing(Storage storage) {
        String id = "off-" + UUID.randomUUID();
        ContentCapture capture = ContentCapture.start(storage.dataSource(), tmp.resolve("j-" + id),
                ContentSettings.from(null), Redactor.standard());
        assertThat(capture.enabled()).isFalse();
        capture.capture(id, Instant.now(), "secret", "answer");
        capture.close();
        assertThat(capture.find(id)).isEmpty();
    }
}
