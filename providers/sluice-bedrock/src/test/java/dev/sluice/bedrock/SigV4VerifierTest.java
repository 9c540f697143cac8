package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-only SigV4 implementation reproduces AWS's published signing example (IAM ListUsers, 2015-08-30). */
class SigV4VerifierTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void signingKeyMatchesTheAwsDocumentationExample() {
        assertThat(SigV4Verifier.hex(SigV4Verifier.signingKey(SECRET, "20150830", "us-east-1", "iam")))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void signatureMatchesTheAwsDocumentationExample() {
        Map<String, String> headers = Map.of(
                "content-type", "application/x-www-form-urlencoded; charset=utf-8",
                "host", "iam.amazonaws.com",
                "x-amz-date", "20150830T123600Z");
        String signature = SigV4Verifier.signature("GET", "/", "Action=ListUsers&Version=2010-05-08",
                List.of("content-type", "host", "x-amz-date"), headers::get, new byte[0], SECRET,
                "20150830T123600Z", "us-east-1", "iam", true);
        assertThat(signature).isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }
}
