package dev.docsift.core.extract;

import dev.docsift.schemas.Vocabulary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A till's payment lines ({@link Vocabulary#payment}) and the arithmetic they hold: the total is
 * what was tendered less the change ({@code CASH 100.00}, {@code CHANGE 31.10}: 68.90), and a
 * rounding line's amount separates the total from the amount before rounding ({@code Total 8.96},
 * {@code Rounding Adj -0.01}, {@code Total After Adj 8.95}).
 *
 * <p>One instance per document; not shared between threads.
 */
final class PaymentLines {
  /** What a payment line says. */
  enum Role {
    /** What the customer handed over. */
    TENDER,
    /** The change given back. */
    CHANGE,
    /** The adjustment to a payable amount. */
    ROUNDING
  }

  private static final Map<Role, List<Pattern>> WORDS = words();

  private final Map<Row, Role> roles = new IdentityHashMap<>();
  private final List<BigDecimal> tendered = new ArrayList<>();
  private final List<BigDecimal> change = new ArrayList<>();
  private final List<BigDecimal> rounding = new ArrayList<>();
  private final List<BigDecimal> printed = new ArrayList<>();

  private PaymentLines() {}

  /**
   * Finds the payment lines of a document.
   *
   * @param rows its rows
   * @return the lines and their amounts
   */
  static PaymentLines of(List<Row> rows) {
    PaymentLines p = new PaymentLines();
    for (Row r : rows) {
      List<MoneyParser.Money> monies =
          MoneyParser.findAll(r.text()).stream().filter(MoneyParser.Money::explicit).toList();
      monies.forEach(m -> p.printed.add(m.amount()));
      Optional<Role> role = roleOf(r.text());
      if (role.isEmpty()) {
        continue;
      }
      p.roles.put(r, role.get());
      if (monies.isEmpty()) {
        continue;
      }
      BigDecimal last = monies.get(monies.size() - 1).amount();
      switch (role.get()) {
        case TENDER -> p.tendered.add(last);
        case CHANGE -> p.change.add(last.abs());
        case ROUNDING -> {
          if (last.signum() != 0) {
            p.rounding.add(last);
          }
        }
      }
    }
    return p;
  }

  /** The payment role a line's words give it, the first role whose word it holds. */
  static Optional<Role> roleOf(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Role role : List.of(Role.CHANGE, Role.ROUNDING, Role.TENDER)) {
      for (Pattern p : WORDS.get(role)) {
        if (p.matcher(lower).find()) {
          return Optional.of(role);
        }
      }
    }
    return Optional.empty();
  }

  /** The role of a row, if it is a payment line. */
  Optional<Role> role(Row r) {
    return Optional.ofNullable(roles.get(r));
  }

  /** Whether an amount is what was tendered less the change given. */
  boolean balances(BigDecimal amount) {
    for (BigDecimal t : tendered) {
      for (BigDecimal c : change) {
        if (c.signum() > 0 && t.subtract(c).compareTo(amount) == 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether an amount is another printed amount with a rounding line's signed amount added: the
   * amount after rounding, not the one before ({@code 8.96} and {@code -0.01} make {@code 8.95}).
   */
  boolean rounds(BigDecimal amount) {
    for (BigDecimal r : rounding) {
      for (BigDecimal b : printed) {
        if (b.add(r).compareTo(amount) == 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<Role, List<Pattern>> words() {
    Map<Role, List<Pattern>> out = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      List<Pattern> list = new ArrayList<>();
      for (String w : Vocabulary.shipped().payment(role.name().toLowerCase(Locale.ROOT))) {
        list.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}])"));
      }
      out.put(role, List.copyOf(list));
    }
    return out;
  }
}
