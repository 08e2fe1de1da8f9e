package dev.docsift.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScorecardTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  private static Map<String, EvalReport.FieldScore> byPath(EvalReport r) {
    return r.fields().stream()
        .collect(Collectors.toMap(EvalReport.FieldScore::path, Function.identity()));
  }

  @Test
  void scoresLabelledFieldsAndSkipsNulls() throws Exception {
    DocumentSchema receipt = SchemaCatalog.shipped().resolve("receipt");
    Scorecard card = new Scorecard(receipt.fields());
    card.add(
        "a.jpg",
        json("{'company':'SHOP','date':null,'total':'9.00','tax':'1.00'}"),
        json("{'company':'shop','date':'2020-01-01','total':'9.0'}"),
        List.of("SHOP", "TOTAL 9.00", "TAX 1.00"));
    EvalReport report = card.report(10);
    Map<String, EvalReport.FieldScore> f = byPath(report);
    assertThat(f.get("/company").exact()).isEqualTo(1);
    assertThat(f.get("/date").labelled()).isZero(); // null: not labelled
    assertThat(f.get("/total").exact()).isEqualTo(1);
    assertThat(f.get("/tax").labelled()).isEqualTo(1);
    assertThat(f.get("/tax").found()).isZero();
    assertThat(f.get("/tax").inText()).isEqualTo(1);
    assertThat(report.total(false).accuracy()).isCloseTo(2 / 3.0, within());
    assertThat(report.misses())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.path()).isEqualTo("/tax");
              assertThat(m.context()).isEqualTo("TAX 1.00");
            });
  }

  @Test
  void lineItemsArePairedByBestAssignmentNotPosition() throws Exception {
    DocumentSchema receipt = SchemaCatalog.shipped().resolve("receipt");
    Scorecard card = new Scorecard(receipt.fields());
    card.add(
        "b.jpg",
        json(
            "{'items':[{'description':'Coffee','quantity':1,'amount':'3.00'},"
                + "{'description':'Lunch','quantity':2,'amount':'45.90'}]}"),
        json(
            "{'items':[{'description':'Lunch','quantity':2,'amount':'45.90'},"
                + "{'description':'Tip','amount':'5.00'},"
                + "{'description':'Coffee','quantity':1,'amount':'3.00'}]}"),
        List.of());
    Map<String, EvalReport.FieldScore> f = byPath(card.report(0));
    assertThat(f.get("/items/*/description").exact()).isEqualTo(2);
    assertThat(f.get("/items/*/amount").exact()).isEqualTo(2);
    assertThat(f.get("/items/*/description").item()).isTrue();
    assertThat(card.report(0).total(true).accuracy()).isEqualTo(1.0);
  }

  @Test
  void aFailedDocumentMissesEveryLabelledField() throws Exception {
    DocumentSchema invoice = SchemaCatalog.shipped().resolve("invoice");
    Scorecard card = new Scorecard(invoice.fields());
    card.failed(
        "c.pdf", json("{'invoice_number':'1','seller':{'name':'A'},'total':'2.00'}"), "DS106 x");
    EvalReport report = card.report(5);
    assertThat(report.total(null).labelled()).isEqualTo(3);
    assertThat(report.total(null).exact()).isZero();
    assertThat(byPath(report).get("/seller/name").labelled()).isEqualTo(1);
    assertThat(report.documents())
        .singleElement()
        .satisfies(d -> assertThat(d.error()).isEqualTo("DS106 x"));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
