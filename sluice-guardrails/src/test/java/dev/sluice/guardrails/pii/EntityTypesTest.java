package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each built-in type on published example values, and the look-alikes its format rules out. */
class EntityTypesTest {

    private final SensitiveInformationFilter filter =
            new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE));

    private List<String> found(String text) {
        return filter.check(text).findings().stream().map(f -> f.type() + "=" + f.text()).toList();
    }

    @ParameterizedTest(name = "{0} in: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL                            | Write to jane.doe+billing@example.co.uk today.         | jane.doe+billing@example.co.uk
            EMAIL                            | Schreib an zoë@exemple.fr bitte.                        | zoë@exemple.fr
            PHONE                            | Call (415) 555-2671 after six.                           | (415) 555-2671
            PHONE                            | Ring +44 20 7946 0958 or not.                            | +44 20 7946 0958
            PHONE                            | Mobile: +1-415-555-2671                                  | +1-415-555-2671
            PHONE                            | Office 020 7946 0958, ask for Sam.                       | 020 7946 0958
            PHONE                            | Tel. +44 (0)20 7946 0958                                 | +44 (0)20 7946 0958
            CREDIT_DEBIT_CARD_NUMBER         | Charge 4111 1111 1111 1111 please.                       | 4111 1111 1111 1111
            CREDIT_DEBIT_CARD_NUMBER         | Amex 3782-822463-10005 on file.                          | 3782-822463-10005
            CREDIT_DEBIT_CARD_NUMBER         | Use 6011111111111117 for it.                             | 6011111111111117
            CREDIT_DEBIT_CARD_CVV            | CVV: 737                                                 | 737
            CREDIT_DEBIT_CARD_EXPIRY         | The card expires 09/27.                                  | 09/27
            CREDIT_DEBIT_CARD_EXPIRY         | Valid thru 11/2031                                       | 11/2031
            US_SOCIAL_SECURITY_NUMBER        | SSN 219-45-6789 on file.                                 | 219-45-6789
            US_SOCIAL_SECURITY_NUMBER        | My social security number is 219456789.                 | 219456789
            INTERNATIONAL_BANK_ACCOUNT_NUMBER | IBAN GB82 WEST 1234 5698 7654 32 please.               | GB82 WEST 1234 5698 7654 32
            INTERNATIONAL_BANK_ACCOUNT_NUMBER | Konto DE89370400440532013000.                           | DE89370400440532013000
            INTERNATIONAL_BANK_ACCOUNT_NUMBER | Compte FR14 2004 1010 0505 0001 3M02 606                | FR14 2004 1010 0505 0001 3M02 606
            IP_ADDRESS                       | The host 203.0.113.42 is down.                           | 203.0.113.42
            IP_ADDRESS                       | Route to 2001:db8::ff00:42:8329 now.                     | 2001:db8::ff00:42:8329
            IP_ADDRESS                       | Mapped ::ffff:192.0.2.128 here.                          | ::ffff:192.0.2.128
            MAC_ADDRESS                      | Device 00:1A:2B:3C:4D:5E joined.                         | 00:1A:2B:3C:4D:5E
            MAC_ADDRESS                      | Port 001a.2b3c.4d5e is up.                               | 001a.2b3c.4d5e
            URL                              | See https://example.com/a/b?c=d#e.                       | https://example.com/a/b?c=d#e
            URL                              | Docs (www.example.org/guide) are out.                    | www.example.org/guide
            URL                              | Health at http://localhost:8080/health now               | http://localhost:8080/health
            AWS_ACCESS_KEY                   | key AKIAIOSFODNN7EXAMPLE leaked                          | AKIAIOSFODNN7EXAMPLE
            AWS_SECRET_KEY                   | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            US_BANK_ROUTING_NUMBER           | Routing number 021000021.                                | 021000021
            SWIFT_CODE                       | SWIFT code DEUTDEFF500.                                  | DEUTDEFF500
            SWIFT_CODE                       | BIC NWBKGB2L                                             | NWBKGB2L
            UK_NATIONAL_HEALTH_SERVICE_NUMBER | NHS number 943 476 5919.                                | 943 476 5919
            UK_NATIONAL_INSURANCE_NUMBER     | NI number AB 12 34 56 C.                                 | AB 12 34 56 C
            UK_NATIONAL_INSURANCE_NUMBER     | Payroll has JG103759A.                                   | JG103759A
            CA_SOCIAL_INSURANCE_NUMBER       | SIN 130 692 544 on the form.                             | 130 692 544
            US_PASSPORT_NUMBER               | Passport number A12345678.                               | A12345678
            US_PASSPORT_NUMBER               | my passport: 910239248                                   | 910239248
            VEHICLE_IDENTIFICATION_NUMBER    | VIN 1HGCM82633A004352 sold.                              | 1HGCM82633A004352
            US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER | My ITIN is 912-70-1234.                           | 912-70-1234
            US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER | Filed with 987 94 5678 last year.                 | 987 94 5678
            US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER | ITIN 900501234                                    | 900501234
            """)
    void aValidValueIsFoundWithItsExactSpan(String type, String text, String value) {
        assertThat(found(text)).containsExactly(type + "=" + value);
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Write to jane..doe@example.com or jane@example                # doubled dot, no top-level domain
            Call (155) 555-2671 or 415-055-2671                           # NANP area and exchange start 2-9
            Ring +4420794609581234 soon                                   # more than 15 digits
            Charge 4111 1111 1111 1112 please                             # fails Luhn
            Charge 9111 1111 1111 1113 please                             # passes Luhn, no network issues 9
            CVV 12 or security code 12345                                 # a CVV has 3 or 4 digits
            The card expires 13/27                                        # no month 13
            SSN 000-12-3456, 666-12-3456, 912-34-5678                     # area 000, 666 and 9xx
            SSN 123-00-4567 or 123-45-0000                                # group 00, serial 0000
            IBAN GB83 WEST 1234 5698 7654 32                              # fails mod 97
            IBAN DE89 3704 0044 0532 0130 0                               # one short for Germany
            The host 256.1.1.1 and 1.2.3.4.5 and 01.02.03.04              # octet > 255, five parts, leading zeros
            Route 2001:db8::1::2 or 12:30:45                              # two ::, a time
            Device 00:1A:2B:3C:4D or 00:1A-2B:3C:4D:5E                    # five pairs, mixed separators
            See hxxps://example[.]com/x or http//example.com             # defanged, no colon
            key AKIB2345ABCDEFGH2345 or akia2345abcdefgh2345             # unknown prefix, lower case
            aws secret 3f786850e387550fdab836ed7e6dc881de23001b          # a hex digest
            Routing number 021000022                                      # fails the ABA checksum
            SWIFT code DEUTXXFF                                           # XX is no country
            NHS number 943 476 5918                                       # fails mod 11
            NI number QQ 12 34 56 C or GB123456A                          # Q first, GB not allocated
            SIN 130 692 545 or 046 454 286                                # fails Luhn, starts with 0
            Passport number 12345678                                      # eight digits
            VIN 1HGCM82633A004353                                         # wrong check digit
            VIN 1HGCM82O33A004352                                         # O is not used in VINs
            ITIN 912-66-1234 or 912-93-1234 or 912-45-1234                # groups 66-69, 89, 93 and < 50 unused
            Call 900501234 now                                            # nine bare digits, no ITIN word
            """)
    void aLookAlikeIsNotFound(String text) {
        assertThat(found(text)).isEmpty();
    }
}
