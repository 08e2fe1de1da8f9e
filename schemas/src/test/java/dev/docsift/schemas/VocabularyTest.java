package dev.docsift.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void everyShippedLanguageIsLoaded() {
    assertThat(Vocabulary.shipped().languages())
        .containsExactly("en", "de", "fr", "nl", "es", "it", "ms", "lv");
    assertThat(Vocabulary.shipped().labels("invoice_number"))
        .contains("rechnungsnummer", "numéro de facture", "factuurnummer", "no. invois");
    assertThat(Vocabulary.shipped().labels("total")).contains("gesamtbetrag", "jumlah", "kopā");
    assertThat(Vocabulary.shipped().stops()).contains("subtotal", "rabatt", "tunai");
    assertThat(Vocabulary.shipped().titles()).contains("rechnung", "facture", "invoice");
    assertThat(Vocabulary.shipped().labels("no such concept")).isEmpty();
  }

  @Test
  void schemaFieldsGetTheVocabularyOfTheirConcept() throws SchemaException {
    DocumentSchema invoice = SchemaCatalog.shipped().get("invoice");
    assertThat(invoice.field("total").orElseThrow().labels()).contains("total", "bruttosumme");
    FieldSpec sellerTaxId = invoice.field("seller").orElseThrow().child("tax_id");
    assertThat(sellerTaxId.labels()).contains("ust-idnr", "n° tva");
    FieldSpec itemAmount = invoice.field("items").orElseThrow().child("amount");
    assertThat(itemAmount.labels()).contains("betrag", "importo");
  }
}
