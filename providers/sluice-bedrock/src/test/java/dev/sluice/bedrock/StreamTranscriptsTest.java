package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The committed binary transcripts are exactly what {@link StreamTranscriptGenerator} writes. */
class StreamTranscriptsTest {

    @Test
    void committedStreamTranscriptsMatchTheirGenerator() throws IOException {
        assertThat(Files.readAllBytes(StreamTranscriptGenerator.DIR.resolve("stream.http")))
                .isEqualTo(StreamTranscriptGenerator.stream());
        assertThat(Files.readAllBytes(StreamTranscriptGenerator.DIR.resolve("tools-stream.http")))
                .isEqualTo(StreamTranscriptGenerator.toolsStream());
    }
}
