package dev.docsift.samples;

import java.util.List;
import java.util.Locale;

/**
 * Built-in word lists for realistic fake names: shops named after their kind, businesses with the
 * legal suffix of their market, and people. No data files; the lists' order is part of the
 * generator's output, since a seed picks words by position.
 */
final class Names {
  private static final List<String> FIRST_WORDS =
      List.of(
          "Blue",
          "Golden",
          "Green",
          "Silver",
          "Red Door",
          "Oak",
          "Maple",
          "River",
          "Harbor",
          "Sunny",
          "North",
          "Corner",
          "Village",
          "Urban",
          "Old Town",
          "Royal",
          "Fresh",
          "Little",
          "Bright",
          "Stone",
          "Cedar",
          "Pine",
          "Lakeside",
          "Hilltop",
          "Central",
          "Westside",
          "Eastgate",
          "Crown",
          "Meadow",
          "Summit",
          "Bridge",
          "Orchard",
          "Copper",
          "Lantern");

  private static final List<String> BUSINESS_WORDS =
      List.of(
          "Consulting",
          "Design Studio",
          "Software",
          "Logistics",
          "Print Works",
          "Engineering",
          "Media",
          "Cleaning Services",
          "IT Solutions",
          "Office Supplies",
          "Marketing",
          "Legal",
          "Accounting",
          "Systems",
          "Labs",
          "Analytics",
          "Interiors",
          "Events",
          "Trading");

  private static final List<String> FIRST_NAMES =
      List.of(
          "Anna", "James", "Maria", "Thomas", "Laura", "David", "Sophie", "Daniel", "Emma", "Lukas",
          "Claire", "Oliver", "Julia", "Michael", "Sarah", "Peter", "Hannah", "Marco", "Elena",
          "Robert", "Nina", "Jonas", "Grace", "Samuel");

  private static final List<String> LAST_NAMES =
      List.of(
          "Smith", "Miller", "Fischer", "Brown", "Martin", "Wilson", "Schmidt", "Taylor", "Bernard",
          "Walker", "Keller", "Hughes", "Dubois", "Clarke", "Weber", "Murphy", "Bauer", "Evans",
          "Moreau", "Wright", "Meyer", "Kelly", "Turner", "Jones");

  private Names() {}

  /** A shop's name, such as "Golden Bakery" or "Cedar Pharmacy". */
  static String shopName(Rng r, Shop shop) {
    String name = r.pick(FIRST_WORDS) + " " + r.pick(shop.nameWords);
    return r.chance(0.3) ? name.toUpperCase(Locale.ROOT) : name;
  }

  /** A business's name with the legal suffix its market uses, such as "Summit Labs GmbH". */
  static String businessName(Rng r, Market market) {
    String base =
        r.chance(0.25)
            ? r.pick(LAST_NAMES) + " & " + r.pick(LAST_NAMES)
            : r.pick(FIRST_WORDS) + " " + r.pick(BUSINESS_WORDS);
    String suffix =
        switch (market) {
          case US -> r.pick("Inc.", "LLC", "Corp.");
          case UK, IE -> r.pick("Ltd", "Ltd.", "LLP");
          case DE -> r.pick("GmbH", "GmbH", "AG", "KG");
          case FR -> r.pick("SARL", "SAS");
          case CH -> r.pick("AG", "GmbH", "SA");
          case AU -> r.pick("Pty Ltd", "Pty. Ltd.");
        };
    return base + " " + suffix;
  }

  /** A person's name, for buyers who are not companies. */
  static String personName(Rng r) {
    return r.pick(FIRST_NAMES) + " " + r.pick(LAST_NAMES);
  }
}
