package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScriptRuleTest {

    private static String expand(String regex, String text, String template) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).isTrue();
        return ScriptRule.expand(template, m);
    }

    @Test
    void aGroupThatTookNoPartIsEmptyAndAGroupThatDoesNotExistStaysLiteral() {
        assertThat(expand("(a)(b)?", "a", "[$1][$2][$3]")).isEqualTo("[a][][$3]");
    }

    @Test
    void aTrailingOrLoneDollarStaysLiteral() {
        assertThat(expand("x", "x", "costs $ or $")).isEqualTo("costs $ or $");
        assertThat(expand("(x)", "x", "$0 and $$1")).isEqualTo("x and $1");
    }
}
