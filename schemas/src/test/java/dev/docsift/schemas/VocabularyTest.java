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

  @Test
  void countryHintsNameEachCountrysCurrencyAndCompileTheirShapes() {
    assertThat(CountryHints.shipped().countries())
        .extracting(CountryHints.Country::code, CountryHints.Country::currency)
        .contains(
            org.assertj.core.groups.Tuple.tuple("MY", "MYR"),
            org.assertj.core.groups.Tuple.tuple("US", "USD"),
            org.assertj.core.groups.Tuple.tuple("LV", "EUR"));
    CountryHints.Country us =
        CountryHints.shipped().countries().stream()
            .filter(c -> c.code().equals("US"))
            .findFirst()
            .orElseThrow();
    assertThat(us.patterns())
        .anySatisfy(s -> assertThat(s.pattern().matcher("Bellflower, CA 90706").find()).isTrue());
    assertThat(us.patterns())
        .noneSatisfy(s -> assertThat(s.pattern().matcher("DINE IN 2 GUESTS").find()).isTrue());
  }
}
