package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.SchemaCatalog;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentLinesTest {
  private static OcrPage till() {
    return PageBuilder.receipt()
        .center(60, 60, "KEDAI MAJU SDN BHD")
        .text(40, 300, "Sub-total")
        .right(860, 300, "68.92")
        .text(40, 345, "Rounding Adj")
        .right(860, 345, "-0.02")
        .text(40, 390, "NET TOTAL")
        .right(860, 390, "68.90")
        .text(40, 435, "CASH")
        .right(860, 435, "100.00")
        .text(40, 480, "CHANGE")
        .right(860, 480, "31.10")
        .text(40, 560, "EXCHANGE ARE ALLOWED WITHIN 3 DAYS")
        .build();
  }

  @Test
  void theTotalIsWhatWasTenderedLessTheChangeAndWhatIsLeftAfterRounding() {
    PaymentLines p = PaymentLines.of(Layout.of(List.of(till())).rows());

    assertThat(p.balances(new BigDecimal("68.90"))).isTrue();
    assertThat(p.balances(new BigDecimal("100.00"))).isFalse();
    // After rounding, not before: the adjustment's sign says which way.
    assertThat(p.rounds(new BigDecimal("68.90"))).isTrue();
    assertThat(p.rounds(new BigDecimal("68.92"))).isFalse();
  }

  @Test
  void linesTakeTheirRoleFromWholeWordsInEveryLanguage() {
    assertThat(PaymentLines.roleOf("CASH RM 100.00")).contains(PaymentLines.Role.TENDER);
    assertThat(PaymentLines.roleOf("Tunai 50.00")).contains(PaymentLines.Role.TENDER);
    assertThat(PaymentLines.roleOf("Baki 0.00")).contains(PaymentLines.Role.CHANGE);
    assertThat(PaymentLines.roleOf("Rounding Adj -0.02")).contains(PaymentLines.Role.ROUNDING);
    assertThat(PaymentLines.roleOf("EXCHANGE ARE ALLOWED")).isEmpty();
    assertThat(PaymentLines.roleOf("CASHEW NUTS 4.50")).isEmpty();
  }

  @Test
  void theCashHandedOverIsNotTakenForTheTotal() throws Exception {
    Extraction x =
        new SchemaExtractor().extract(List.of(till()), SchemaCatalog.shipped().get("receipt"));

    assertThat(x.data().path("total").asText()).isEqualTo("68.90");
  }

  @Test
  void theTotalTheTillsArithmeticConfirmsBeatsOnePrintedMoreOften() throws Exception {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "KEDAI MAJU SDN BHD")
            .text(40, 300, "Sub-total")
            .right(860, 300, "8.96")
            .text(40, 345, "Total Sales Incl GST")
            .right(860, 345, "8.96")
            .text(40, 390, "Rounding Adj")
            .right(860, 390, "-0.01")
            .text(40, 435, "Total After Adj Incl GST")
            .right(860, 435, "8.95")
            .text(40, 480, "CASH")
            .right(860, 480, "50.00")
            .text(40, 525, "Change Amt")
            .right(860, 525, "41.05")
            .text(40, 610, "Total")
            .text(500, 610, "8.96")
            .right(860, 610, "0.00")
            .text(40, 655, "Total Amount Payable")
            .right(860, 655, "8.96")
            .build();

    Extraction x =
        new SchemaExtractor().extract(List.of(page), SchemaCatalog.shipped().get("receipt"));

    assertThat(x.data().path("total").asText()).isEqualTo("8.95");
  }
}
