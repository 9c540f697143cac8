package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.CustomRegex;
import dev.sluice.guardrails.pii.SensitiveInformationFilter;
import dev.sluice.guardrails.pii.SensitiveInformationPolicy;
import dev.sluice.guardrails.words.WordFilter;
import dev.sluice.guardrails.words.WordPolicy;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rough speed figures for the benchmark's printout (wall clock on a warmed JVM, not JMH): latency of 4 KB texts,
 * throughput on the corpus, and time against size for natural and adversarial texts up to 8 MiB, which shows the
 * detectors are linear (time per character stays flat as the text grows).
 */
final class Speed {

    private static final int MIB = 1 << 20;

    private Speed() { }

    static void report(List<Sample> corpus, SensitiveInformationFilter filter, PrintStream out) {
        StringBuilder all = new StringBuilder();
        corpus.forEach(s -> all.append(s.text()).append('\n'));
        String natural = all.toString();
        String fourK = natural.substring(0, 4096);
        StringBuilder prose = new StringBuilder();
        corpus.stream().filter(s -> s.group().equals("GENERAL")).forEach(s -> prose.append(s.text()).append(' '));
        String fourKProse = prose.substring(0, 4096);
        WordFilter words = new WordFilter(new WordPolicy(List.of("project falcon", "internal only"),
                null, true, null));
        for (int warm = 0; warm < 2000; warm++) {
            filter.check(fourK);
            filter.check(fourKProse);
            words.check(fourK);
        }
        out.println(latency("sensitive information, 4 KB, PII in every line", () -> filter.check(fourK)));
        out.println(latency("sensitive information, 4 KB, numbers but no PII", () -> filter.check(fourKProse)));
        out.println(latency("word filter (profanity + 2 phrases), 4 KB", () -> words.check(fourK)));
        SensitiveInformationFilter regexOnly = new SensitiveInformationFilter(new SensitiveInformationPolicy(Map.of(),
                List.of(new CustomRegex("EMPLOYEE_ID", "EMP-[0-9]{6}", Action.BLOCK)), null));
        String oneMib = repeat(natural, MIB);
        long regex = time(() -> regexOnly.check(oneMib));
        out.printf("one custom regex (RE2/J) alone, 1 MiB of corpus text: %.1f ms, %.0f ns/char%n", regex / 1e6,
                (double) regex / MIB);
        out.println();
        out.printf("%-28s %9s %10s %9s%n", "text", "size", "time", "ns/char");
        Map<String, String> units = Map.of(
                "corpus text", natural,
                "digits and spaces", "4111 1111 1111 11 ",
                "at signs (a@b.co )", "a@b.co ",
                "colons and hex", "fe80::1:",
                "dots and digits", "1.2.3.4.",
                "capitals and digits", "AKIA2345ABCDEFGH7" + "QWERTYUIOPASDFGHJK ",
                "zero-width and NUL", "\u200B\u0000\uD800a\u200D",
                "cue words, no values", "password is the pin for the age of a plate: user on twitter @ ",
                "cue words and values", "pwd=x1 PIN 1234 aged 5 plate AB12CDE user=a1 ");
        units.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (int mib : new int[] {1, 2, 4, 8}) {
                String text = repeat(e.getValue(), mib * MIB);
                long t = time(() -> filter.check(text));
                out.printf("%-28s %6d MiB %7.1f ms %9.1f%n", e.getKey(), mib, t / 1e6, (double) t / text.length());
            }
        });
    }

    static String latency(String what, Runnable check) {
        return latency(what, check, 5000);
    }

    static String latency(String what, Runnable check, int runs) {
        long[] ns = new long[runs];
        for (int i = 0; i < ns.length; i++) {
            long start = System.nanoTime();
            check.run();
            ns[i] = System.nanoTime() - start;
        }
        Arrays.sort(ns);
        return String.format("%-50s p50 %6.1f us  p99 %6.1f us  max %7.1f us", what, ns[ns.length / 2] / 1e3,
                ns[ns.length * 99 / 100] / 1e3, ns[ns.length - 1] / 1e3);
    }

    private static long time(Runnable r) {
        r.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    static String repeat(String unit, int length) {
        StringBuilder b = new StringBuilder(length + unit.length());
        while (b.length() < length) {
            b.append(unit);
        }
        b.setLength(length);
        return b.toString();
    }
}
