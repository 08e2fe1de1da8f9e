package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quantity × unit price = amount. OCR misreads short numbers in a quantity column far more often
 * than the long amounts beside them ("3" as "=}", "21.5" as "215"); where the quantity could not be
 * read, or was read with the digits of the one price and amount imply but without its point, they
 * restore it. A quantity read whole that disagrees stays: the line may carry a discount ("10 ×
 * 100.00 = 850.00").
 */
final class QuantityCheck {
  private static final BigDecimal CENT = new BigDecimal("0.01");
  private static final BigDecimal MAX_QUANTITY = new BigDecimal(100_000);
  private static final double PENALTY = 0.6;

  private QuantityCheck() {}

  /**
   * Replaces an unreadable quantity, or one that lost its decimal point, with amount / unit price.
   *
   * @param item the row's values, changed in place
   * @param quantity the quantity field
   * @param unitPrice the unit price field
   * @param amount the amount field
   * @param quantityWords what OCR read in the quantity cell; nothing is invented for an empty cell
   * @param page the page
   */
  static void reconcile(
      Map<FieldSpec, Candidate> item,
      FieldSpec quantity,
      FieldSpec unitPrice,
      FieldSpec amount,
      List<OcrWord> quantityWords,
      OcrPage page) {
    if (quantity == null || unitPrice == null || amount == null || quantityWords.isEmpty()) {
      return;
    }
    Optional<BigDecimal> price = decimal(item.get(unitPrice));
    Optional<BigDecimal> total = decimal(item.get(amount));
    if (price.isEmpty() || total.isEmpty() || price.get().signum() <= 0) {
      return;
    }
    Optional<BigDecimal> read = decimal(item.get(quantity));
    if (read.isPresent()
        && read.get().multiply(price.get()).subtract(total.get()).abs().compareTo(CENT) <= 0) {
      return;
    }
    BigDecimal implied = total.get().divide(price.get(), 6, RoundingMode.HALF_UP);
    // Quantities are whole or simple fractions (7.5 hours); any other ratio means the price or
    // the amount was misread instead, and then nothing is changed.
    BigDecimal quarters = implied.multiply(BigDecimal.valueOf(4));
    if (implied.signum() <= 0
        || implied.compareTo(MAX_QUANTITY) > 0
        || quarters
                .subtract(quarters.setScale(0, RoundingMode.HALF_UP))
                .abs()
                .compareTo(new BigDecimal("0.0001"))
            > 0) {
      return;
    }
    BigDecimal q = implied.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    if (read.isPresent() && !digits(read.get()).equals(digits(q))) {
      return;
    }
    ValueReader.json(quantity, q.toPlainString(), q)
        .ifPresent(v -> item.put(quantity, Candidate.of(v, quantityWords, page, PENALTY)));
  }

  private static String digits(BigDecimal d) {
    return d.stripTrailingZeros().unscaledValue().abs().toString();
  }

  private static Optional<BigDecimal> decimal(Candidate c) {
    if (c == null) {
      return Optional.empty();
    }
    JsonNode v = c.value();
    if (v.isNumber()) {
      return Optional.of(v.decimalValue());
    }
    try {
      return Optional.of(new BigDecimal(v.asText()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
