package dev.docsift.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * Contact details as each market writes them: address lines with its street and postcode formats,
 * telephone numbers, and tax ids with the label printed before them. Every value is drawn from the
 * seed's stream; none comes from a data file.
 */
final class Addresses {
  private Addresses() {}

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
}
