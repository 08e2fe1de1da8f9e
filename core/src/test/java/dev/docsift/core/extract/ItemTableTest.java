package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.SchemaException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Item grids as e-invoices print them: headers over two or three lines, columns the schema has no
 * field for, items over several rows with notes under them, and two price columns.
 */
class ItemTableTest {
  private static final int CHAR = (int) Math.round(PageBuilder.charWidth(40));

  private final DocumentSchema invoice = schema();

  private static DocumentSchema schema() {
    try {
      return SchemaCatalog.shipped().get("invoice");
    } catch (SchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Places each text at its character column (24 px each) on one line. */
  private static PageBuilder line(PageBuilder b, int y, Object... columnsAndTexts) {
    for (int i = 0; i < columnsAndTexts.length; i += 2) {
      b.text(150 + (Integer) columnsAndTexts[i] * CHAR, y, (String) columnsAndTexts[i + 1]);
    }
    return b;
  }

  private static OcrPage germanGrid() {
    PageBuilder b = PageBuilder.a4(1).text(150, 200, "Handelsrechnung Nr. 471102 vom 05.03.2018");
    line(b, 1000, 0, "Pos", 6, "Art-Nr", 21, "Beschreibung", 45, "Nettopreis", 60, "Menge");
    line(b, 1000, 71, "USt.", 81, "Positions-");
    line(b, 1050, 6, "Art-Nr-Lief.", 81, "betrag");
    line(b, 1100, 1, "1", 6, "TB100A4", 21, "Trennblätter A4", 47, "9,9000", 60, "20 Stk");
    line(b, 1100, 71, "19 %");
    line(b, 1150, 6, "4012345001235", 84, "198,00");
    line(b, 1200, 21, "Bruttopreis : 9,9000");
    line(b, 1400, 1, "2", 6, "CO-123", 21, "Stahlcoil", 45, "100,0000", 60, "10 Stk");
    line(b, 1400, 71, "19 %", 84, "850,00");
    line(b, 1450, 21, "verzinkt");
    line(b, 1600, 1, "3", 21, "Pfand", 47, "2,7700", 60, "20", 71, "19 %", 84, "55,40");
    line(b, 1800, 21, "Summe Positionen", 83, "1103,40");
    line(b, 1900, 0, "Zahlbar innerhalb 30 Tagen netto bis 04.04.2018");
    return b.build();
  }

  @Test
  void readsItemsOverSeveralRowsUnderAHeaderOverTwoLines() {
    JsonNode d = new SchemaExtractor().extract(List.of(germanGrid()), invoice).data();
    JsonNode items = d.path("items");
    assertThat(items).hasSize(3);
    // The amount a line below the price; the article numbers stay in their own column.
    assertThat(items.get(0).path("description").asText()).isEqualTo("Trennblätter A4");
    assertThat(items.get(0).path("quantity").asInt()).isEqualTo(20);
    assertThat(items.get(0).path("unit_price").asText()).isEqualTo("9.90");
    assertThat(items.get(0).path("amount").asText()).isEqualTo("198.00");
    // A wrapped description; a quantity read whole stays where the line carries a discount.
    assertThat(items.get(1).path("description").asText()).isEqualTo("Stahlcoil verzinkt");
    assertThat(items.get(1).path("quantity").asInt()).isEqualTo(10);
    assertThat(items.get(1).path("unit_price").asText()).isEqualTo("100.00");
    assertThat(items.get(1).path("amount").asText()).isEqualTo("850.00");
    assertThat(items.get(2).path("description").asText()).isEqualTo("Pfand");
    assertThat(items.get(2).path("amount").asText()).isEqualTo("55.40");
    // The table ends at its summary line: the payment terms after it are no item's.
    assertThat(d.path("due_date").asText()).isEqualTo("2018-04-04");
    assertThat(d.path("subtotal").asText()).isEqualTo("1103.40");
  }

  @Test
  void ofTwoPriceColumnsTheRightOneIsTheAmount() {
    PageBuilder b = PageBuilder.a4(1).text(150, 200, "Facture N° F-2017-12 du 13/11/2017");
    line(b, 1000, 50, "Prix");
    line(b, 1050, 5, "Description", 35, "Quantité", 62, "Prix HT");
    line(b, 1100, 50, "unitaire");
    line(b, 1200, 0, "Nougat de l'Abbaye 250g", 37, "50 Unit(s)", 50, "4,55 €", 62, "204,75 €");
    line(b, 1250, 0, "Biscuits aux raisins 300g", 37, "40 Unit(s)", 50, "3,20 €", 62, "128,00 €");
    line(b, 1350, 45, "Total HT", 62, "332,75 €");
    JsonNode d = new SchemaExtractor().extract(List.of(b.build()), invoice).data();
    JsonNode items = d.path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("description").asText()).isEqualTo("Nougat de l'Abbaye 250g");
    assertThat(items.get(0).path("quantity").asInt()).isEqualTo(50);
    assertThat(items.get(0).path("unit_price").asText()).isEqualTo("4.55");
    assertThat(items.get(0).path("amount").asText()).isEqualTo("204.75");
    assertThat(items.get(1).path("amount").asText()).isEqualTo("128.00");
  }

  @Test
  void aPriceToFourPlacesIsReadOnlyWhereItIsCents() {
    PageBuilder b = PageBuilder.a4(1).text(150, 200, "Rechnung Nr. 7 vom 05.03.2018");
    line(b, 1000, 0, "Beschreibung", 30, "Nettopreis", 45, "Menge", 60, "Betrag");
    line(b, 1100, 0, "Kunstrasen", 32, "3,3333", 45, "3", 61, "10,00");
    line(b, 1200, 0, "Joghurt", 32, "5,5000", 45, "50", 60, "275,00");
    line(b, 1400, 0, "Summe netto", 59, "285,00");
    JsonNode items =
        new SchemaExtractor().extract(List.of(b.build()), invoice).data().path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).has("unit_price")).isFalse();
    assertThat(items.get(0).path("amount").asText()).isEqualTo("10.00");
    assertThat(items.get(1).path("unit_price").asText()).isEqualTo("5.50");
  }
}
