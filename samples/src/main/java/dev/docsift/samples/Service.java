package dev.docsift.samples;

import java.util.List;

/**
 * A billable service or product on an invoice, with the range its price falls in; hourly ones get
 * fractional quantities and a rate rounded to 5. {@link #CATALOGUE} lists all an invoice picks
 * from, by position, so its order is part of the generator's output.
 *
 * @param name the description as printed
 * @param low the lowest price or hourly rate
 * @param high the highest price or hourly rate
 * @param hourly whether it is billed by the hour
 */
record Service(String name, double low, double high, boolean hourly) {
  /** Everything an invoice may bill. */
  static final List<Service> CATALOGUE =
      List.of(
          new Service("Consulting services", 80, 220, true),
          new Service("Software development", 70, 180, true),
          new Service("Website design", 60, 150, true),
          new Service("Project management", 70, 160, true),
          new Service("On-site support", 65, 140, true),
          new Service("Copywriting", 45, 110, true),
          new Service("Bookkeeping", 35, 90, true),
          new Service("Legal advice", 150, 400, true),
          new Service("Photography session", 90, 250, true),
          new Service("Translation services", 40, 95, true),
          new Service("Annual maintenance contract", 400, 2400, false),
          new Service("Hosting plan (12 months)", 120, 900, false),
          new Service("Office chairs", 89, 349, false),
          new Service("Printer paper A4 (box)", 18, 45, false),
          new Service("Toner cartridge", 45, 160, false),
          new Service("Laptop docking station", 120, 290, false),
          new Service("Software licence", 49, 899, false),
          new Service("Delivery and installation", 45, 250, false),
          new Service("Training workshop", 350, 1800, false),
          new Service("Cleaning service (monthly)", 180, 950, false),
          new Service("Catering for 20 guests", 300, 1200, false),
          new Service("Business cards (500)", 35, 120, false),
          new Service("Network switch 24-port", 140, 480, false),
          new Service("Travel expenses", 60, 450, false),
          new Service("Logo design", 250, 1500, false),
          new Service("Security audit", 900, 4500, false),
          new Service("Courier delivery", 12, 65, false),
          new Service("Warehouse storage (pallet)", 18, 45, false));
}
