package dev.docsift.samples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Built-in word lists for realistic fake names, addresses, goods and services: no data files. */
final class FakeData {
  private FakeData() {}

  /** A kind of shop, with the goods it sells and the words in its name. */
  enum Shop {
    CAFE(
        List.of("Cafe", "Coffee House", "Coffee Bar", "Espresso Bar", "Tea Room"),
        List.of(
            item("Cappuccino", 2.8, 4.5),
            item("Flat White", 2.9, 4.2),
            item("Latte", 2.8, 4.6),
            item("Espresso", 1.8, 3.0),
            item("Americano", 2.2, 3.6),
            item("Hot Chocolate", 2.9, 4.5),
            item("Green Tea", 2.0, 3.5),
            item("Croissant", 1.8, 3.2),
            item("Blueberry Muffin", 2.5, 3.9),
            item("Bagel Cream Cheese", 3.5, 5.9),
            item("Banana Bread", 2.6, 3.9),
            item("Ham Cheese Toastie", 4.9, 7.5),
            item("Orange Juice", 2.5, 4.2),
            item("Carrot Cake", 3.2, 4.9),
            item("Sparkling Water", 1.5, 2.9))),
    GROCERY(
        List.of("Market", "Grocer", "Foods", "Supermarket", "Fresh Market", "Food Store"),
        List.of(
            item("Whole Milk 1L", 0.9, 1.8),
            item("Free Range Eggs 6", 1.9, 3.5),
            item("Bananas", 0.9, 2.1),
            item("Sourdough Loaf", 2.5, 4.8),
            item("Cheddar Cheese", 2.9, 6.5),
            item("Chicken Breast", 4.5, 9.9),
            item("Basmati Rice 1kg", 1.9, 3.9),
            item("Olive Oil 500ml", 3.9, 8.9),
            item("Tomatoes", 1.2, 3.0),
            item("Greek Yogurt", 1.5, 3.6),
            item("Pasta Fusilli", 0.9, 2.2),
            item("Apples 1kg", 1.9, 3.6),
            item("Ground Coffee", 3.9, 7.9),
            item("Dish Soap", 1.5, 3.5),
            item("Paper Towels", 2.5, 5.9),
            item("Orange Juice 1L", 1.8, 3.9),
            item("Butter 250g", 1.9, 3.9))),
    HARDWARE(
        List.of("Hardware", "DIY Store", "Tools", "Home Supplies", "Builders Supply"),
        List.of(
            item("Wood Screws 100pk", 3.5, 8.9),
            item("Claw Hammer", 9.9, 24.9),
            item("Masking Tape", 2.5, 5.5),
            item("Paint Roller", 4.9, 12.9),
            item("Interior Paint 2.5L", 19.9, 45.0),
            item("Drill Bit Set", 12.9, 39.9),
            item("LED Bulb E27", 2.9, 7.9),
            item("Extension Cord", 9.9, 24.9),
            item("Work Gloves", 4.9, 12.9),
            item("Sandpaper Pack", 3.9, 8.9),
            item("Wall Plugs", 1.9, 4.9),
            item("Cordless Drill", 69.0, 189.0),
            item("Spirit Level", 8.9, 22.9))),
    PHARMACY(
        List.of("Pharmacy", "Chemist", "Drugstore", "Health"),
        List.of(
            item("Ibuprofen 200mg", 2.5, 6.9),
            item("Vitamin C 1000mg", 4.9, 12.9),
            item("Toothpaste", 1.9, 4.9),
            item("Sunscreen SPF50", 7.9, 16.9),
            item("Hand Cream", 3.5, 9.9),
            item("Plasters", 2.2, 5.9),
            item("Cough Syrup", 5.9, 11.9),
            item("Shampoo", 2.9, 8.9),
            item("Cotton Pads", 1.5, 3.5),
            item("Allergy Relief", 4.9, 12.5),
            item("Lip Balm", 1.9, 4.5))),
    BOOKS(
        List.of("Books", "Bookshop", "Stationers", "Paper Co"),
        List.of(
            item("Paperback Novel", 7.9, 14.9),
            item("Hardback Cookbook", 18.0, 35.0),
            item("Notebook A5", 3.5, 12.9),
            item("Gel Pens 4pk", 3.9, 7.9),
            item("Greeting Card", 2.5, 4.9),
            item("Road Atlas", 9.9, 19.9),
            item("Wrapping Paper", 2.9, 5.9),
            item("Desk Calendar", 6.9, 14.9),
            item("Childrens Book", 5.9, 12.9),
            item("Fountain Pen", 19.9, 79.0))),
    RESTAURANT(
        List.of("Bistro", "Kitchen", "Grill", "Trattoria", "Diner", "Brasserie"),
        List.of(
            item("Tomato Soup", 4.5, 7.9),
            item("Caesar Salad", 7.9, 13.9),
            item("Margherita Pizza", 8.9, 14.9),
            item("Beef Burger", 10.9, 17.9),
            item("Fish and Chips", 11.9, 18.9),
            item("Spaghetti Carbonara", 10.9, 16.9),
            item("Grilled Salmon", 15.9, 26.0),
            item("Side Fries", 2.9, 4.9),
            item("Lemonade", 2.9, 4.5),
            item("Glass House Wine", 4.9, 8.9),
            item("Draft Beer", 3.9, 6.9),
            item("Tiramisu", 4.9, 7.9),
            item("Espresso", 1.9, 3.2))),
    ELECTRONICS(
        List.of("Electronics", "Computers", "Digital", "Tech Store"),
        List.of(
            item("USB-C Cable 2m", 9.9, 24.9),
            item("Wireless Mouse", 19.9, 49.9),
            item("Laptop Stand", 29.9, 69.9),
            item("Bluetooth Speaker", 39.9, 129.0),
            item("HDMI Adapter", 12.9, 29.9),
            item("Noise Cancelling Headphones", 149.0, 399.0),
            item("27in Monitor", 189.0, 649.0),
            item("Mechanical Keyboard", 69.0, 189.0),
            item("Power Bank 20000mAh", 29.9, 69.9),
            item("Laptop 14in", 699.0, 1899.0),
            item("Smartwatch", 149.0, 449.0)));

    final List<String> nameWords;
    final List<Goods> goods;

    Shop(List<String> nameWords, List<Goods> goods) {
      this.nameWords = nameWords;
      this.goods = goods;
    }
  }

  /** Something sold, with the range its price falls in. */
  record Goods(String name, double low, double high) {}

  /** A billable service or product on an invoice; hourly ones get fractional quantities. */
  record Service(String name, double low, double high, boolean hourly) {}

  private static Goods item(String name, double low, double high) {
    return new Goods(name, low, high);
  }

  private static Service service(String name, double low, double high, boolean hourly) {
    return new Service(name, low, high, hourly);
  }

  static final List<Service> SERVICES =
      List.of(
          service("Consulting services", 80, 220, true),
          service("Software development", 70, 180, true),
          service("Website design", 60, 150, true),
          service("Project management", 70, 160, true),
          service("On-site support", 65, 140, true),
          service("Copywriting", 45, 110, true),
          service("Bookkeeping", 35, 90, true),
          service("Legal advice", 150, 400, true),
          service("Photography session", 90, 250, true),
          service("Translation services", 40, 95, true),
          service("Annual maintenance contract", 400, 2400, false),
          service("Hosting plan (12 months)", 120, 900, false),
          service("Office chairs", 89, 349, false),
          service("Printer paper A4 (box)", 18, 45, false),
          service("Toner cartridge", 45, 160, false),
          service("Laptop docking station", 120, 290, false),
          service("Software licence", 49, 899, false),
          service("Delivery and installation", 45, 250, false),
          service("Training workshop", 350, 1800, false),
          service("Cleaning service (monthly)", 180, 950, false),
          service("Catering for 20 guests", 300, 1200, false),
          service("Business cards (500)", 35, 120, false),
          service("Network switch 24-port", 140, 480, false),
          service("Travel expenses", 60, 450, false),
          service("Logo design", 250, 1500, false),
          service("Security audit", 900, 4500, false),
          service("Courier delivery", 12, 65, false),
          service("Warehouse storage (pallet)", 18, 45, false));

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

  /** A shop's name, such as "Golden Bakery" or "Cedar Pharmacy". */
  static String shopName(Rng r, Shop shop) {
    String name = r.pick(FIRST_WORDS) + " " + r.pick(shop.nameWords);
    return r.chance(0.3) ? name.toUpperCase(java.util.Locale.ROOT) : name;
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

  /**
   * Address lines as the market writes them: street, then town with postcode, then sometimes a unit
   * or the country.
   *
   * @param lines how many lines, 1 to 3
   */
  static List<String> address(Rng r, Market market, int lines) {
    List<String> out = new ArrayList<>();
    int number = r.between(1, market == Market.US ? 4999 : 180);
    String street =
        switch (market) {
          case US ->
              number
                  + " "
                  + r.pick("Oak", "Maple", "Main", "Park", "Elm", "Washington", "Lake", "Cedar")
                  + " "
                  + r.pick("Street", "Avenue", "Blvd", "Road", "Drive", "St.");
          case UK, IE, AU ->
              number
                  + " "
                  + r.pick("High", "Church", "Station", "Victoria", "Mill", "King", "George")
                  + " "
                  + r.pick("Street", "Road", "Lane", "Square", "Terrace");
          case DE, CH ->
              r.pick("Haupt", "Bahnhof", "Linden", "Garten", "Schiller", "Goethe", "Berg")
                  + r.pick("strasse ", "str. ", "weg ", "allee ", "platz ")
                  + number;
          case FR ->
              number
                  + " "
                  + r.pick(
                      "rue de la Paix",
                      "avenue Victor Hugo",
                      "rue du Commerce",
                      "boulevard Voltaire",
                      "rue des Lilas");
        };
    String town =
        switch (market) {
          case US -> {
            String[][] towns = {
              {"Springfield", "IL"}, {"Portland", "OR"}, {"Austin", "TX"}, {"Denver", "CO"},
              {"Madison", "WI"}, {"Boston", "MA"}, {"Columbus", "OH"}, {"Raleigh", "NC"}
            };
            String[] t = towns[r.nextInt(towns.length)];
            yield t[0] + ", " + t[1] + " " + r.between(10000, 99899);
          }
          case UK ->
              r.pick("London", "Leeds", "Bristol", "Oxford", "York", "Bath", "Manchester")
                  + " "
                  + r.pick("SW1A", "LS1", "BS8", "OX1", "YO1", "BA1", "M2")
                  + " "
                  + r.between(1, 9)
                  + (char) ('A' + r.nextInt(26))
                  + (char) ('A' + r.nextInt(26));
          case IE ->
              r.pick("Dublin 2", "Cork", "Galway", "Limerick", "Dublin 8")
                  + ", "
                  + r.pick("D02", "T12", "H91", "V94", "D08")
                  + " "
                  + (char) ('A' + r.nextInt(26))
                  + r.digits(1)
                  + (char) ('A' + r.nextInt(26))
                  + r.digits(1);
          case DE ->
              r.between(10115, 99998)
                  + " "
                  + r.pick(
                      "Berlin", "Hamburg", "Koeln", "Frankfurt", "Leipzig", "Bremen", "Dresden");
          case FR ->
              r.between(10000, 95999)
                  + " "
                  + r.pick("Paris", "Lyon", "Lille", "Nantes", "Bordeaux", "Toulouse", "Rennes");
          case CH ->
              r.between(1000, 9658)
                  + " "
                  + r.pick("Basel", "Bern", "Luzern", "Lausanne", "Winterthur", "St. Gallen");
          case AU ->
              r.pick("Sydney NSW", "Melbourne VIC", "Brisbane QLD", "Perth WA", "Adelaide SA")
                  + " "
                  + r.between(2000, 6999);
        };
    out.add(street);
    if (lines >= 3) {
      boolean unitFirst = r.chance(0.5);
      String unit =
          unitFirst
              ? r.pick("Suite ", "Unit ", "Floor ", "Building ") + r.between(1, 40)
              : switch (market) {
                case US -> "USA";
                case UK -> "United Kingdom";
                case IE -> "Ireland";
                case DE -> "Germany";
                case FR -> "France";
                case CH -> "Switzerland";
                case AU -> "Australia";
              };
      if (unitFirst) {
        out.add(0, unit);
        out.add(town);
      } else {
        out.add(town);
        out.add(unit);
      }
    } else if (lines == 2) {
      out.add(town);
    }
    return out;
  }

  /** A telephone number in the market's style. */
  static String phone(Rng r, Market market) {
    return switch (market) {
      case US -> "(" + r.between(201, 989) + ") " + r.digits(3) + "-" + r.digits(4);
      case UK -> "0" + r.between(20, 29) + " " + r.digits(4) + " " + r.digits(4);
      case IE -> "+353 1 " + r.digits(3) + " " + r.digits(4);
      case DE -> "+49 " + r.between(30, 89) + " " + r.digits(7);
      case FR -> "01 " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2);
      case CH ->
          "+41 " + r.between(21, 81) + " " + r.digits(3) + " " + r.digits(2) + " " + r.digits(2);
      case AU -> "(0" + r.between(2, 8) + ") " + r.digits(4) + " " + r.digits(4);
    };
  }

  /** A tax id label and value as printed, such as ("VAT Reg No", "GB123456789"). */
  static String[] taxId(Rng r, Market market) {
    return switch (market) {
      case US -> new String[] {r.pick("EIN", "Tax ID"), r.digits(2) + "-" + r.digits(7)};
      case UK -> new String[] {r.pick("VAT No", "VAT Reg No", "VAT ID"), "GB" + r.digits(9)};
      case IE -> new String[] {r.pick("VAT No", "VAT Number"), "IE" + r.digits(7) + "W"};
      case DE -> new String[] {r.pick("USt-IdNr", "VAT ID"), "DE" + r.digits(9)};
      case FR -> new String[] {r.pick("VAT No", "VAT Number"), "FR" + r.digits(11)};
      case CH ->
          new String[] {
            r.pick("VAT No", "UID"), "CHE-" + r.digits(3) + "." + r.digits(3) + "." + r.digits(3)
          };
      case AU ->
          new String[] {
            "ABN", r.digits(2) + " " + r.digits(3) + " " + r.digits(3) + " " + r.digits(3)
          };
    };
  }

  /** A price range's price, as a BigDecimal with two decimals. */
  static BigDecimal price(Rng r, double low, double high) {
    return r.price(low, high);
  }
}
