package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PASSWORD and PIN: the value next to its cue, never a word or a number on its own shape. */
class PasswordAndPinTest {

    /** Every type is looked for (so look-alikes compete), and only PASSWORD and PIN are reported. */
    private final SensitiveInformationFilter filter = new SensitiveInformationFilter(new SensitiveInformationPolicy(
            Map.of(PiiType.PASSWORD, Action.NONE, PiiType.PIN, Action.NONE), List.of(), null));

    private List<String> found(String text) {
        return filter.check(text).findings().stream().map(f -> f.type() + "=" + f.text()).toList();
    }

    @ParameterizedTest(name = "{0} in: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            PASSWORD | password: hunter2                                        | hunter2
            PASSWORD | My password is sunshine, don't tell anyone.              | sunshine
            PASSWORD | The password for the VPN is Tr0ub4dor&3.                 | Tr0ub4dor&3
            PASSWORD | pwd=Zx9!qLm2                                             | Zx9!qLm2
            PASSWORD | DB_PASSWORD=s3cr3t-value                                 | s3cr3t-value
            PASSWORD | {"user": "app", "password": "p@ss word"}                 | p@ss word
            PASSWORD | Server=db;User Id=sa;Password=Secr3t!;Encrypt=true       | Secr3t!
            PASSWORD | Your temporary passcode is 4417-XY.                      | 4417-XY
            PASSWORD | export PGPASSWORD='horse battery'                        | horse battery
            PASSWORD | Connect with postgres://app:S3cret99@db.internal:5432/app | S3cret99
            PASSWORD | mongodb://reporter:P@ss!w0rd@mongo.internal:27017/metrics | P@ss!w0rd
            PASSWORD | jdbc:mysql://db:3306/crm?user=report&pwd=a&b9x&useSSL=true | a&b9x
            PASSWORD | login with pass: letmein                                 | letmein
            PASSWORD | I changed my password to blue42                          | blue42
            PASSWORD | Password hunter2 works                                   | hunter2
            PASSWORD | mot de passe : Soleil2024                                | Soleil2024
            PIN      | My PIN is 4821.                                          | 4821
            PIN      | PIN: 004417                                              | 004417
            PIN      | the PIN for my debit card is 0077                        | 0077
            PIN      | SIM PIN 12345678 and PUK unknown                         | 12345678
            PIN      | pin code 9034                                            | 9034
            """)
    void theValueAfterTheCueIsFound(String type, String text, String value) {
        assertThat(found(text)).containsExactly(type + "=" + value);
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @ValueSource(strings = {
            "Click the password reset link to continue.",
            "The password is incorrect, try again.",
            "Use a password manager and a long passphrase.",
            "Password: ********",
            "password=${DB_PASSWORD}",
            "The password field is required.",
            "Your password must be at least 12 characters long.",
            "hunter2 and blue42 are terrible choices",
            "We will pass the ball and pass 4821 cars.",
            "Please pass along the notes.",
            "Enter your PIN at the terminal.",
            "PIN 12 on the header is ground.",
            "Pin 3 of the chip, 4821 units shipped.",
            "Call extension 4821 for help.",
            "The code 123456 was sent in 2024.",
            "A PIN is usually 4 digits.",
            "PIN 1234-5678-9012 is a reference",
    })
    void noValueWithoutItsCue(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void anonymizeMasksOnlyTheValueAndKeepsTheCue() {
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.PASSWORD, Action.ANONYMIZE, PiiType.PIN, Action.ANONYMIZE), List.of(), null));
        assertThat(f.check("password: hunter2, PIN 4821, db postgres://app:S3cret99@db/app").text())
                .isEqualTo("password: {PASSWORD}, PIN {PIN}, db postgres://app:{PASSWORD_2}@db/app");
    }

    @Test
    void aUrlThePolicyDoesNotAskForDoesNotHideThePasswordInItsQuery() {
        String text = "GET https://api.example.com/export?user=admin&pwd=Falcon03 failed";
        SensitiveInformationFilter passwordOnly = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.PASSWORD, Action.ANONYMIZE), List.of(), null));
        assertThat(passwordOnly.check(text).text())
                .isEqualTo("GET https://api.example.com/export?user=admin&pwd={PASSWORD} failed");
        SensitiveInformationFilter both = new SensitiveInformationFilter(new SensitiveInformationPolicy(
                Map.of(PiiType.PASSWORD, Action.ANONYMIZE, PiiType.URL, Action.ANONYMIZE), List.of(), null));
        assertThat(both.check(text).text()).as("the URL, password included, is masked whole")
                .isEqualTo("GET {URL} failed");
    }
}
