package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.pii.internal.Checksums;
import org.junit.jupiter.api.Test;

/** The check-digit algorithms against values their standards publish. */
class ChecksumsTest {

    @Test
    void luhnAcceptsTestCardNumbersAndRejectsAChangedDigit() {
        assertThat(Checksums.luhn("4111111111111111")).isTrue();
        assertThat(Checksums.luhn("378282246310005")).isTrue();
        assertThat(Checksums.luhn("130692544")).isTrue();
        assertThat(Checksums.luhn("4111111111111112")).isFalse();
    }

    @Test
    void mod97AcceptsTheRegistryExamplesAndRejectsASwap() {
        assertThat(Checksums.ibanMod97("GB82WEST12345698765432")).isTrue();
        assertThat(Checksums.ibanMod97("FR1420041010050500013M02606")).isTrue();
        assertThat(Checksums.ibanMod97("NO9386011117947")).isTrue();
        assertThat(Checksums.ibanMod97("GB82WEST12345698765423")).isFalse();
    }

    @Test
    void abaAcceptsRealRoutingNumbers() {
        assertThat(Checksums.aba("021000021")).isTrue();
        assertThat(Checksums.aba("011000015")).isTrue();
        assertThat(Checksums.aba("021000012")).isFalse();
    }

    @Test
    void nhsModulus11AcceptsTheExampleAndRefusesCheckTen() {
        assertThat(Checksums.nhsMod11("9434765919")).isTrue();
        assertThat(Checksums.nhsMod11("9434765918")).isFalse();
        assertThat(Checksums.nhsMod11("0000000060")).isFalse(); // weights leave 1, so the check would be 10
    }

    @Test
    void vinCheckDigitMatchesTheStandardsExamples() {
        assertThat(Checksums.vin("1HGCM82633A004352")).isTrue();
        assertThat(Checksums.vin("1M8GDM9AXKP042788")).isTrue();
        assertThat(Checksums.vin("1HGCM82643A004352")).isFalse();
    }
}
