package dev.docsift.samples;

import java.util.List;

/**
 * A kind of shop a receipt comes from, with the words its name may end in and the goods it sells,
 * each with the range its price falls in. The constants' order and their lists' order are part of
 * the generator's output: a seed picks them by position.
 */
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

  /** Something sold, with the range its price falls in. */
  record Goods(String name, double low, double high) {}

  private static Goods item(String name, double low, double high) {
    return new Goods(name, low, high);
  }
}
