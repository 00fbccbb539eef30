package lv.vpd.plusflow.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * ISO-8601 duration arithmetic for the diagrams' JUEL expressions (timers and user task due dates), which JUEL cannot
 * do itself: {@code ${durations.sum(rules.due.agreement, rules.escalationAfterDue)}},
 * {@code ${durations.difference(a, b)}}, {@code ${durations.cycle(rules.onSiteCheckEvery)}} ("R/P30D"),
 * {@code ${durations.dueIn(rules.due.confirmHours)}} (a date: the engine's now plus the period) and
 * {@code ${durations.orElse(execution.getVariable('reviewDue'), 'P3D')}}: what FEEL would write as
 * {@code duration(a) + duration(b)}, {@code "R/" + x}, {@code now() + duration(x)}, {@code get or else(x, "P3D")};
 * see docs/processes/dialect.md.
 *
 * <p>A duration is years/months/weeks/days plus a time part (P1M, P5D, PT12H, P1DT2H, P2W). Days are 24 hours, as
 * in FEEL's day-time durations; years and months stay calendar units and are added to dates on the calendar. A
 * difference below zero is PT0S (a timer that is already due fires at once). "Now" is the engine's
 * clock ({@link ClockUtil}), so the development clock endpoint moves due dates too.
 */
@Component("durations")
public class Durations {
  private static final Pattern ISO = Pattern.compile(
      "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");

  /** A parsed duration: calendar months plus exact seconds (days count as 24 h). */
  record Amount(long months, BigDecimal seconds) {
    Amount plus(Amount o) {
      return new Amount(months + o.months, seconds.add(o.seconds));
    }

    Amount minus(Amount o) {
      return new Amount(months - o.months, seconds.subtract(o.seconds));
    }

    String iso() {
      if (months < 0 || (months == 0 && seconds.signum() < 0)) return "PT0S";
      if (seconds.signum() < 0) {
        throw new IllegalArgumentException("durations: months minus days or hours has no ISO-8601 duration; use days (P30D) for both");
      }
      StringBuilder s = new StringBuilder("P");
      long years = months / 12;
      long restMonths = months % 12;
      if (years > 0) s.append(years).append('Y');
      if (restMonths > 0) s.append(restMonths).append('M');
      BigDecimal rest = seconds;
      long days = rest.divideToIntegralValue(BigDecimal.valueOf(86400)).longValue();
      rest = rest.subtract(BigDecimal.valueOf(days * 86400));
      long hours = rest.divideToIntegralValue(BigDecimal.valueOf(3600)).longValue();
      rest = rest.subtract(BigDecimal.valueOf(hours * 3600));
      long minutes = rest.divideToIntegralValue(BigDecimal.valueOf(60)).longValue();
      rest = rest.subtract(BigDecimal.valueOf(minutes * 60)).stripTrailingZeros();
      if (days > 0) s.append(days).append('D');
      if (hours > 0 || minutes > 0 || rest.signum() > 0) {
        s.append('T');
        if (hours > 0) s.append(hours).append('H');
        if (minutes > 0) s.append(minutes).append('M');
        if (rest.signum() > 0) s.append(rest.toPlainString()).append('S');
      }
      return s.length() == 1 ? "PT0S" : s.toString();
    }
  }

  static Amount parse(Object value, String what) {
    if (value == null) throw new IllegalArgumentException("durations: " + what + " is missing (null); expected an ISO-8601 duration such as P5D or PT12H");
    String text = value.toString().trim();
    Matcher m = ISO.matcher(text);
    if (text.equals("P") || text.endsWith("T") || !m.matches()) {
      throw new IllegalArgumentException("durations: " + what + " '" + text + "' is not an ISO-8601 duration such as P5D, PT12H or P1DT2H");
    }
    long months = num(m.group(1)) * 12 + num(m.group(2));
    long days = num(m.group(3)) * 7 + num(m.group(4));
    BigDecimal seconds = BigDecimal.valueOf(days * 86400 + num(m.group(5)) * 3600 + num(m.group(6)) * 60);
    if (m.group(7) != null) seconds = seconds.add(new BigDecimal(m.group(7).replace(',', '.')));
    return new Amount(months, seconds);
  }

  private static long num(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }

  /** a + b as an ISO-8601 duration (FEEL: {@code duration(a) + duration(b)}). */
  public String sum(Object a, Object b) {
    return parse(a, "first duration").plus(parse(b, "second duration")).iso();
  }

  /** a − b as an ISO-8601 duration, PT0S when b is longer (FEEL: {@code duration(a) - duration(b)}). */
  public String difference(Object a, Object b) {
    return parse(a, "first duration").minus(parse(b, "second duration")).iso();
  }

  /** An endless ISO-8601 repetition every {@code period} ("R/P30D"; FEEL: {@code "R/" + period}). */
  public String cycle(Object period) {
    return "R/" + parse(period, "period").iso();
  }

  /** The engine's now plus {@code period} (FEEL: {@code now() + duration(period)}), for due dates. */
  public Date dueIn(Object period) {
    Amount amount = parse(period, "period");
    ZonedDateTime now = ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
    ZonedDateTime due = now.plus(Period.ofMonths(Math.toIntExact(amount.months())))
        .plus(Duration.ofNanos(amount.seconds().movePointRight(9).longValueExact()));
    return Date.from(due.toInstant());
  }

  /**
   * The engine's date today, {@code 2026-12-04} (FEEL: {@code string(today())}). FEEL's own today() reads the
   * system clock, which the development clock does not move; this reads the engine's clock.
   */
  public String today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate().toString();
  }

  /** {@code value} unless it is null or blank, else {@code fallback} (FEEL: {@code get or else(value, fallback)}). */
  public Object orElse(Object value, Object fallback) {
    if (value == null || (value instanceof CharSequence s && s.toString().isBlank())) return fallback;
    return value;
  }
}
