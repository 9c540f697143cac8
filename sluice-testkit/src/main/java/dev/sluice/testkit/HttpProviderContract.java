package dev.sluice.testkit;

import java.nio.file.Path;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract for providers that speak HTTP: each scenario replays {@code transcripts()/<scenario file>} from a
 * {@link FakeUpstream}; {@link #lastRequest()} gives what the provider sent.
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
}
