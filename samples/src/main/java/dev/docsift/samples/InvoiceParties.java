package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two parties of an invoice, the seller and the buyer, as drawn from the seed before anything
 * is laid out, and their truth as the schema's party objects. The seller always is a business and
 * may print a phone number, a web or mail address and a tax id; the buyer is a business or a person
 * and only a business may have a tax id.
 */
final class InvoiceParties {
  private InvoiceParties() {}

  /**
   * A party as it could be printed.
   *
   * @param name the name
   * @param lines the address lines
   * @param taxId the tax id's label and value, or null
   * @param extras contact lines printed under the address
   */
  record Party(String name, List<String> lines, String[] taxId, List<String> extras) {}

  static Party seller(Rng r, Market m) {
    String name = Names.businessName(r, m);
    List<String> lines = Addresses.address(r, m, r.between(2, 3));
    List<String> extras = new ArrayList<>();
    if (r.chance(0.5)) {
      extras.add(r.pick("Tel: ", "Phone: ", "T ") + Addresses.phone(r, m));
    }
    if (r.chance(0.4)) {
      String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
      extras.add(r.chance(0.5) ? "billing@" + slug + ".com" : "www." + slug + ".com");
    }
    String[] taxId = r.chance(m == Market.US ? 0.3 : 0.65) ? Addresses.taxId(r, m) : null;
    return new Party(name, lines, taxId, extras);
  }

  static Party buyer(Rng r, Market m) {
    boolean company = r.chance(0.75);
    String name = company ? Names.businessName(r, m) : Names.personName(r);
    List<String> lines = Addresses.address(r, m, r.between(2, 3));
    String[] taxId = company && r.chance(0.3) ? Addresses.taxId(r, m) : null;
    return new Party(name, lines, taxId, List.of());
  }

  /**
   * A party's truth as printed.
   *
   * @param taxId the printed tax id, or null when none was printed
   */
  static ObjectNode truth(String name, List<String> lines, String taxId) {
    ObjectNode party = JsonNodeFactory.instance.objectNode();
    party.put("name", name);
    if (!lines.isEmpty()) {
      party.put("address", String.join(", ", lines));
    }
    if (taxId != null) {
      party.put("tax_id", taxId);
    }
    return party;
  }
}
