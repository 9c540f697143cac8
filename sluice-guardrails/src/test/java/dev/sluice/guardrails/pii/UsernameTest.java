package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** USERNAME: the value after its cue or an @handle near a platform's name; never an e-mail address. */
class UsernameTest {

    private final SensitiveInformationFilter filter =
            new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE));

    private List<String> found(String text) {
        return filter.check(text).findings().stream().map(f -> f.type() + "=" + f.text()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            Username: jsmith                                   | jsmith
            my user name is anna.k and I am locked out        | anna.k
            Login: admin                                       | admin
            user id = d.okafor-22                              | d.okafor-22
            {"user": "svc-report"}                             | svc-report
            Follow me on Twitter @sunny_dev for updates.       | sunny_dev
            @maria.codes on Instagram posts daily              | maria.codes
            His handle is @grumpycat99.                        | grumpycat99
            my gamertag is xXSniperXx                          | xXSniperXx
            login jdoe_42 then retry                           | jdoe_42
            """)
    void theValueAfterTheCueIsFound(String text, String value) {
        assertThat(found(text)).containsExactly("USERNAME=" + value);
    }

    @Test
    void aUrlsUserInformationIsAUserNameAndAPasswordNotAnEmailAddress() {
        assertThat(found("postgres://app:S3cret99@db.example.com:5432/app"))
                .containsExactly("USERNAME=app", "PASSWORD=S3cret99");
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @ValueSource(strings = {
            "The login page is down again.",
            "Enter your username and password below.",
            "The username field is required.",
            "The user is happy with the result.",
            "Login attempts from that network were blocked.",
            "Is the user id visible to admins?",
            "Meet me @ 5pm at the cafe.",
            "I read it on Twitter yesterday.",
            "Send it to @home later, no rush.",
            "uid=1000 gid=1000",
            "Ping @here on Slack when the deploy ends, or @channel if it fails.",
    })
    void noValueWithoutItsCue(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void anEmailAddressAfterAUserCueStaysAnEmailAddress() {
        assertThat(found("Username: jane.doe@example.com")).containsExactly("EMAIL=jane.doe@example.com");
    }

    @Test
    void anonymizeMasksOnlyTheName() {
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.USERNAME, Action.ANONYMIZE), List.of(), null));
        assertThat(f.check("username: jsmith, and on GitHub I am @jsmith-dev").text())
                .isEqualTo("username: {USERNAME}, and on GitHub I am @{USERNAME_2}");
    }
}
