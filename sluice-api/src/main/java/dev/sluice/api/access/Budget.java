package dev.sluice.api.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The money budget of one scope (a key, a use case, a team) per period, in micro-dollars (1e-6 USD).
 *
 * @param scope what is budgeted, e.g. {@code key:key_3f9a...}; the same scope anywhere shares one budget
 * @param limitMicros what may be spent in one period
 * @param period {@code day}, {@code week} (from Monday), {@code month} or {@code total}, in UTC
 */
public record Budget(String scope, long limitMicros, String period) {

    /** When the period that holds {@code now} began (the epoch for {@code total}). */
    public Instant periodStart(Instant now) {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (period) {
            case "day" -> day;
            case "week" -> day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case "month" -> day.withDayOfMonth(1);
            default -> LocalDate.EPOCH;
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the period that holds {@code now} ends, or null for {@code total}, which never resets. */
    public Instant periodEnd(Instant now) {
        Instant start = periodStart(now);
        LocalDate first = start.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (period) {
            case "day" -> start.plus(1, ChronoUnit.DAYS);
            case "week" -> start.plus(7, ChronoUnit.DAYS);
            case "month" -> first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> null;
        };
    }
}
