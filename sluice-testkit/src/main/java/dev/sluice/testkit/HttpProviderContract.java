package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract for providers that speak HTTP: each scenario replays {@code transcripts()/<scenario file>} from a
 * {@link FakeUpstream}; {@link #lastRequest()} gives what the provider sent. Besides the scenarios every provider
 * passes, an HTTP provider's stream must reach the sink while it is still arriving, and a cancelled attempt must end a
 * stream that is still arriving.
 */
public abstract class HttpProviderContract extends ProviderContract {

    protected FakeUpstream upstream;
    private RecordedRequest last;

    @BeforeEach
    void startUpstream() {
        upstream = new FakeUpstream();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** The folder of this provider's transcripts, e.g. {@code src/test/resources/transcripts}. */
    protected abstract Path transcripts();

    /** The provider and attempt for a scenario, pointed at {@code upstream.baseUri()}. */
    protected abstract Prepared prepareAgainst(FakeUpstream upstream, Scenario scenario);

    @Override
    protected final Prepared prepare(Scenario scenario) {
        upstream.enqueue(transcripts().resolve(scenario.fileName()));
        return prepareAgainst(upstream, scenario);
    }

    /** The request the provider sent in this scenario (taken once, then cached). */
    protected RecordedRequest lastRequest() {
        if (last == null) {
            last = upstream.takeRequest();
        }
        return last;
    }

    /**
     * How many bytes of a recorded stream make its first wire event: up to the first blank line of a
     * {@code text/event-stream} by default; binary formats override this.
     */
    protected int firstEventBytes(byte[] streamBody) {
        return new String(streamBody, StandardCharsets.UTF_8).indexOf("\n\n") + 2;
    }

    @Test
    void eventsReachTheSinkWhileTheStreamIsStillArriving() {
        Transcript recorded = Transcript.load(transcripts().resolve(Scenario.STREAM.fileName()));
        Prepared p = prepareAgainst(upstream, Scenario.STREAM);
        List<ChatEvent> events = streamWithTheRestHeldBack(p.provider(), p.attempt(), upstream, recorded,
                firstEventBytes(recorded.body()));
        assertThat(assemble(events).text()).isEqualTo(ANSWER);
    }

    @Test
    void cancellingTheAttemptEndsAStreamThatIsStillArriving() {
        upstream.enqueueTrickled(Transcript.load(transcripts().resolve(Scenario.STREAM.fileName())), 16, 50);
        Prepared p = prepareAgainst(upstream, Scenario.STREAM);
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> Calls.stream(p.provider(), question(true), p.attempt(), e -> {
            events.add(e);
            ((TestAttempt) p.attempt()).cancel(); // the gateway's watchdog, at the first event
        })).isInstanceOf(GatewayException.class);
        assertThat(events).as("the stream ended where it was cancelled").isNotEmpty()
                .noneMatch(ChatEvent.MessageStop.class::isInstance);
    }
}
