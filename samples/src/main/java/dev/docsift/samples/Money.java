package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Arithmetic and truth values for amounts: always two decimals, rounded half up. */
final class Money {
  private Money() {}

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  static BigDecimal round(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  /** Tax added to a net amount at a rate in percent. */
  static BigDecimal taxOn(BigDecimal net, BigDecimal ratePercent) {
    return round(net.multiply(ratePercent).divide(HUNDRED));
  }

  /** Tax contained in a gross amount at a rate in percent. */
  static BigDecimal taxIn(BigDecimal gross, BigDecimal ratePercent) {
    return round(
        gross.multiply(ratePercent).divide(HUNDRED.add(ratePercent), 10, RoundingMode.HALF_UP));
  }

  /** The truth's form of an amount: "1234.50", never grouped. */
  static String truth(BigDecimal value) {
    return round(value).toPlainString();
  }

  /** Puts a quantity as a JSON integer when it is whole, else as a decimal number. */
  static void putQuantity(ObjectNode node, BigDecimal quantity) {
    BigDecimal q = quantity.stripTrailingZeros();
    if (q.scale() <= 0) {
      node.put("quantity", q.intValueExact());
    } else {
      // Quantities are whole or halves, exact as doubles; a double node also equals the node a
      // JSON parser reads back from the file.
      node.put("quantity", q.doubleValue());
    }
  }
}
