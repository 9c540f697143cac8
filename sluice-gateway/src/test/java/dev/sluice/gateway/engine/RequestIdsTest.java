package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.event.RequestIds;
import org.junit.jupiter.api.Test;

/** The request ids the engine's calls carry. */
class RequestIdsTest {

    @Test
    void requestIdsAreUniqueAndTimeOrdered() {
        String a = RequestIds.next();
        String b = RequestIds.next();
        assertThat(a).hasSize(36).startsWith("req_").isNotEqualTo(b);
        assertThat(a.substring(4, 16).compareTo(b.substring(4, 16))).isLessThanOrEqualTo(0);
    }

    @Test
    void aRequestIdCarriesTheMillisecondItsCallStarted() {
        long millis = 1_795_000_000_123L;
        assertThat(RequestIds.startMillis(RequestIds.next(millis))).hasValue(millis);
        assertThat(RequestIds.startMillis(RequestIds.next())).isPresent();
        assertThat(RequestIds.startMillis("req-" + java.util.UUID.randomUUID())).isEmpty();
        assertThat(RequestIds.startMillis("req_0123456789ABCDEF0123456789abcdef")).isEmpty();
        assertThat(RequestIds.startMillis("req_0123456789abcdef0123456789abcdeg")).isEmpty();
        assertThat(RequestIds.startMillis(null)).isEmpty();
    }
}
