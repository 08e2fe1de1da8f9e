package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.Region;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OCR-path extractor: fills a schema from the layout of OCR words, guided by the fields' {@code
 * x-docsift} hints.
 *
 * <p>For each field it finds the field's labels on the page (fuzzy, longest label first) and reads
 * the value beside or under them; names and addresses of the header region come from the header
 * block at the top of the first page; parties come from the block a label such as {@code Bill To}
 * opens (or, for the seller, the header); tables are rebuilt from aligned columns or, on receipts,
 * from lines ending with an amount. Values are normalised (money with two places, ISO dates,
 * 24-hour times, ISO currency codes) and carry their provenance. Whatever does not validate against
 * the schema is dropped with a warning, so {@code data} validates — except when a required,
 * non-nullable field is not found at all, which no value can fix; a warning says so.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaExtractor implements Extractor {
  /** Creates the extractor. */
  public SchemaExtractor() {}

  @Override
  public Extraction extract(List<OcrPage> pages, DocumentSchema schema) {
    Objects.requireNonNull(pages, "pages");
    Objects.requireNonNull(schema, "schema");
    Run run = new Run(Doc.of(pages, schema), schema);
    return run.extract();
  }

  /** One extraction's state. */
  private static final class Run {
    private final Doc doc;
    private final DocumentSchema schema;
    private final ObjectNode data = JsonNodeFactory.instance.objectNode();
    private final List<FieldValue> fields = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Candidate> written = new ArrayList<>();
    private final Map<FieldSpec, Candidate> byField = new IdentityHashMap<>();
    private final Map<FieldSpec, LineItemExtractor.Result> tables = new IdentityHashMap<>();
    private final Map<FieldSpec, PartyExtractor.Block> blocks = new IdentityHashMap<>();
    private HeaderBlock header;

    Run(Doc doc, DocumentSchema schema) {
      this.doc = doc;
      this.schema = schema;
    }

    Extraction extract() {
      List<FieldSpec> tableFields =
          schema.fields().stream().filter(f -> f.kind() == ValueKind.TABLE).toList();
      Map<FieldSpec, ItemTable> grids = new IdentityHashMap<>();
      for (FieldSpec t : tableFields) {
        ItemTable grid = new ItemTable(t, doc);
        grids.put(t, grid);
        doc.markTableRows(LineItemExtractor.headerRows(grid, doc));
      }
      for (FieldSpec f : parties(schema.fields())) {
        PartyExtractor.labelledBlock(f, doc).ifPresent(b -> blocks.put(f, b));
      }
      header = HeaderBlock.find(doc, headerZoneEnd()).orElse(null);
      for (FieldSpec t : tableFields) {
        LineItemExtractor.Result r =
            LineItemExtractor.extract(grids.get(t), doc, header == null ? null : header.lastRow());
        tables.put(t, r);
        doc.markTableRows(r.rows());
      }
      fill(data, schema.fields(), true);
      unlabelled();
      for (FieldSpec f : schema.fields()) {
        if (!data.has(f.name())) {
          missing(data, f, true);
        }
      }
      List<String> left = SchemaGuard.enforce(schema, data, fields, warnings);
      for (String e : left) {
        warnings.add("data does not validate: " + e);
      }
      return new Extraction(data, fields, warnings);
    }

    /** Where the header zone of the first page ends: at a party label or a table header. */
    private int headerZoneEnd() {
      int end = Integer.MAX_VALUE;
      int first = doc.layout().firstPage();
      for (Map.Entry<FieldSpec, PartyExtractor.Block> e : blocks.entrySet()) {
        LabelHit l = e.getValue().label();
        if (e.getKey().region() != Region.HEADER && l.row().pageNumber() == first) {
          end = Math.min(end, l.row().box().top());
        }
      }
      for (Row r : doc.layout().rowsOf(first)) {
        if (doc.isTableRow(r)) {
          end = Math.min(end, r.box().top());
          break;
        }
      }
      return end;
    }

    private static List<FieldSpec> parties(List<FieldSpec> fs) {
      List<FieldSpec> out = new ArrayList<>();
      for (FieldSpec f : fs) {
        if (f.kind() == ValueKind.PARTY) {
          out.add(f);
        } else if (f.kind() == ValueKind.GROUP) {
          out.addAll(parties(f.children()));
        }
      }
      return out;
    }

    private void fill(ObjectNode target, List<FieldSpec> specs, boolean top) {
      for (FieldSpec f : specs) {
        switch (f.kind()) {
          case TABLE -> fillTable(target, f);
          case PARTY -> fillObject(target, f, party(f));
          case GROUP -> {
            ObjectNode child = JsonNodeFactory.instance.objectNode();
            fill(child, f.children(), false);
            if (!child.isEmpty()) {
              target.set(f.name(), child);
            }
          }
          default -> {
            if (f.types().contains("object") || f.types().contains("array")) {
              break; // an object or array the hints call a leaf: nothing to read it with
            }
            Optional<Candidate> c = leaf(f);
            if (c.isPresent()) {
              write(target, f, f.pointer(), c.get());
            }
          }
        }
        if (!target.has(f.name()) && !top) {
          missing(target, f, false);
        }
      }
    }

    private void missing(ObjectNode target, FieldSpec f, boolean top) {
      String where = f.pointer().substring(1);
      if (f.required() && f.nullable()) {
        target.putNull(f.name());
        warnings.add(where + ": not found");
      } else if (f.required()) {
        warnings.add(where + ": not found, and the schema requires it");
      } else if (top) {
        warnings.add(where + ": not found");
      }
    }

    private void fillObject(ObjectNode target, FieldSpec f, Map<FieldSpec, Candidate> values) {
      ObjectNode obj = JsonNodeFactory.instance.objectNode();
      for (FieldSpec child : f.children()) {
        Candidate c = values.get(child);
        if (c != null) {
          write(obj, child, child.pointer(), c);
        }
      }
      if (!obj.isEmpty()) {
        target.set(f.name(), obj);
      }
    }

    private Map<FieldSpec, Candidate> party(FieldSpec f) {
      PartyExtractor.Block block = blocks.get(f);
      Map<FieldSpec, Candidate> values = new LinkedHashMap<>();
      if (block != null) {
        values.putAll(PartyExtractor.read(f, block, doc));
      } else if (f.region() == Region.HEADER && header != null) {
        FieldSpec name = PartyExtractor.childOfKind(f, ValueKind.NAME);
        FieldSpec address = PartyExtractor.childOfKind(f, ValueKind.ADDRESS);
        if (name != null) {
          headerName(name).ifPresent(c -> values.put(name, c));
        }
        if (address != null) {
          headerAddress(address).ifPresent(c -> values.put(address, c));
        }
      }
      if (f.region() == Region.HEADER) {
        // A header party's tax id often stands apart from its name (under the address, in the
        // footer, in a column of its own beside the block); another party's block is not searched.
        List<PartyExtractor.Block> others = new ArrayList<>();
        blocks.forEach(
            (party, b) -> {
              if (party != f) {
                others.add(b);
              }
            });
        PartyExtractor.readLoose(f, doc, others, values);
      }
      return values;
    }

    private void fillTable(ObjectNode target, FieldSpec f) {
      LineItemExtractor.Result r = tables.get(f);
      if (r == null || r.items().isEmpty()) {
        return;
      }
      List<Map<FieldSpec, Candidate>> items = r.items();
      if (f.maxItems() >= 0 && items.size() > f.maxItems()) {
        warnings.add(
            f.pointer().substring(1)
                + ": "
                + items.size()
                + " rows, kept the first "
                + f.maxItems());
        items = items.subList(0, f.maxItems());
      }
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (Map<FieldSpec, Candidate> item : items) {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        String base = f.pointer() + "/" + array.size();
        for (FieldSpec child : f.children()) {
          Candidate c = item.get(child);
          if (c != null) {
            write(obj, child, base + child.pointer(), c);
          }
        }
        if (!obj.isEmpty()) {
          array.add(obj);
        }
      }
      if (!array.isEmpty()) {
        target.set(f.name(), array);
      }
    }

    /**
     * Gives the first top-level date and time fields that no label announced the first date and
     * time printed anywhere (see {@link UnlabelledDateTime}).
     */
    private void unlabelled() {
      UnlabelledDateTime dates = new UnlabelledDateTime(doc, schema, byField, written);
      for (ValueKind kind : List.of(ValueKind.DATE, ValueKind.TIME)) {
        FieldSpec f =
            schema.fields().stream().filter(x -> x.kind() == kind).findFirst().orElse(null);
        if (f != null && !data.has(f.name())) {
          dates.find(f).ifPresent(c -> write(data, f, f.pointer(), c));
        }
      }
    }

    /** Finds a leaf field's value. */
    private Optional<Candidate> leaf(FieldSpec f) {
      if (Amounts.learned(f)) {
        return Amounts.best(f, doc);
      }
      Optional<Candidate> labelled = byLabel(f);
      if (labelled.isPresent()) {
        return labelled;
      }
      if (f.region() == Region.HEADER && f.kind() == ValueKind.NAME) {
        return headerName(f);
      }
      if (f.region() == Region.HEADER && f.kind() == ValueKind.ADDRESS) {
        return headerAddress(f);
      }
      if (f.kind() == ValueKind.CURRENCY) {
        return DocumentCurrency.read(f, doc.layout().rows(), doc.country());
      }
      return Optional.empty();
    }

    /** The best value beside or under one of a field's labels. */
    private Optional<Candidate> byLabel(FieldSpec f) {
      return LabelledValue.best(f, doc);
    }

    private Optional<Candidate> headerName(FieldSpec f) {
      if (header == null || header.name().isEmpty()) {
        return Optional.empty();
      }
      List<OcrWord> words = header.name();
      String text = HeaderNames.clean(Candidate.join(words));
      return ValueReader.json(f, text, null)
          .map(v -> Candidate.of(v, words, header.nameRow().page(), 1));
    }

    private Optional<Candidate> headerAddress(FieldSpec f) {
      if (header == null || header.address().isEmpty()) {
        return Optional.empty();
      }
      List<OcrWord> words = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      for (List<OcrWord> line : header.address()) {
        words.addAll(line);
        lines.add(Candidate.join(line));
      }
      return ValueReader.json(f, AddressLines.join(lines, doc.plainAddress()), null)
          .map(v -> Candidate.of(v, words, header.nameRow().page(), 1));
    }

    /** Writes a leaf, cut to the schema's maxLength, and records where it came from. */
    private void write(ObjectNode target, FieldSpec f, String pointer, Candidate c) {
      JsonNode value = c.value();
      if (value.isTextual() && f.maxLength() >= 0 && value.asText().length() > f.maxLength()) {
        value = TextNode.valueOf(value.asText().substring(0, f.maxLength()).strip());
        warnings.add(pointer.substring(1) + ": cut to " + f.maxLength() + " characters");
      }
      target.set(f.name(), value);
      fields.add(c.toField(pointer, value));
      written.add(c);
      byField.put(f, c);
    }
  }
}
