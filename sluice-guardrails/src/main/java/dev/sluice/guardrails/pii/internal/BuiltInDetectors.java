package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The detector of every built-in type, in {@code PiiType} order (the order ties are settled in). */
public final class BuiltInDetectors {

    private BuiltInDetectors() { }

    /** A fresh list; the detectors are stateless and may be shared between threads. */
    public static List<Detector> all() {
        Set<String> countries = new HashSet<>(Set.of(Locale.getISOCountries()));
        countries.add("XK"); // Kosovo: not in ISO 3166 yet, but has BICs and IBANs
        PhraseMatcher<Cues.Cue> cues = Cues.matcher(); // one matcher, so one pass finds every context type's cues
        return List.of(new EmailDetector(), new PhoneDetector(), new CardNumberDetector(), new CardCvvDetector(),
                new CardExpiryDetector(), new SocialSecurityNumberDetector(), new IbanDetector(), new Ipv4Detector(),
                new Ipv6Detector(), new MacAddressDetector(), new UrlDetector(), new AwsAccessKeyDetector(),
                new AwsSecretKeyDetector(), new RoutingNumberDetector(), new SwiftCodeDetector(Set.copyOf(countries)),
                new NhsNumberDetector(), new NationalInsuranceNumberDetector(), new SocialInsuranceNumberDetector(),
                new PassportNumberDetector(), new VinDetector(), new TaxpayerIdDetector(), new PasswordDetector(cues), new PinDetector(cues),
                new UsernameDetector(cues), new AgeDetector(cues),
                new LicensePlateDetector(cues), LabelledIdDetector.bankAccount(cues), LabelledIdDetector.driverId(cues),
                LabelledIdDetector.caHealthNumber(cues), LabelledIdDetector.ukTaxpayerReference(cues));
    }

    /** The NAME and ADDRESS detectors (word lists and street patterns), run only when a policy asks for them. */
    public static List<Detector> unstructured() {
        return List.of(new NameDetector(), new AddressDetector());
    }
}
