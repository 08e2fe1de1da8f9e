package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressLinesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "80333 München",
        "DE 80333 München",
        "D-80333 München",
        "1012 AB Amsterdam",
        "SW1B 3BN London",
        "GB SW1B 3BN London",
        "Austin, TX 78701",
        "Jalan Sagu 18, 81100 Johor Bahru",
        "F-69001 Lyon"
      })
  void postalCodeLinesEndAnAddress(String line) {
    assertThat(AddressLines.postal(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Lieferantenstraße 20", "Pappelallee 15, Hof 3", "Kunden AG Mitte"})
  void streetsAndNamesAreNoPostalLines(String line) {
    assertThat(AddressLines.postal(line)).isFalse();
    assertThat(AddressLines.notAddress(line)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE123456789",
        "201/113/40209",
        "GLN 4000001123452",
        "+49891234567",
        "Kunden-Nr.: 009420",
        "max@mustermann.de",
        "Tel 089 12345"
      })
  void numbersContactsAndLabelledValuesAreNoAddress(String line) {
    assertThat(AddressLines.notAddress(line)).isTrue();
  }

  @Test
  void anAddressKeepsItsOwnCommasOrGetsOneBetweenLinesWhereItsCountryWritesThem() {
    assertThat(AddressLines.join(List.of("Lieferantenstraße 20", "80333 München"), false))
        .isEqualTo("Lieferantenstraße 20, 80333 München");
    assertThat(
            AddressLines.join(
                List.of("NO 37, JALAN MANIS 7,", "56100 CHERAS, KUALA LUMPUR."), false))
        .isEqualTo("NO 37, JALAN MANIS 7, 56100 CHERAS, KUALA LUMPUR.");
    assertThat(AddressLines.join(List.of("7230 Pendleton Pike", "Lawrence, IN 46226"), false))
        .isEqualTo("7230 Pendleton Pike Lawrence, IN 46226");
    // An American address is written on one line as printed, with no comma added.
    assertThat(AddressLines.join(List.of("2011 Hewitt Ave", "Everett WA 98201"), true))
        .isEqualTo("2011 Hewitt Ave Everett WA 98201");
  }

  @ParameterizedTest
  @CsvSource({
    "DE 80333 München, 80333 München",
    "D-80333 München, 80333 München",
    "GB SW1B 3BN London, SW1B 3BN London",
    "80333 München, 80333 München",
    "Austin TX 78701, Austin TX 78701"
  })
  void theCountryCodeBeforeThePostalCodeIsLeftOut(String line, String expected) {
    assertThat(AddressLines.withoutCountryPrefix(line)).isEqualTo(expected);
  }

  @Test
  void ocrsDigitsForLettersAndALeadingCompanyNumberAreMended() {
    assertThat(
            AddressLines.join(
                List.of("(81109-A) NO 290, JALAN AIR PANAS,", "53200 KUALA LUMPUR."), false))
        .isEqualTo("NO 290, JALAN AIR PANAS, 53200 KUALA LUMPUR.");
    assertThat(AddressLines.join(List.of("L0T 3, Jalan Pelabur 23/1,", "4030o Shah Alam"), false))
        .isEqualTo("LOT 3, Jalan Pelabur 23/1, 40300 Shah Alam");
    assertThat(AddressLines.join(List.of("3768 Mission B1vd", "San Dieg0 CA 92109"), true))
        .isEqualTo("3768 Mission Blvd San Diego CA 92109");
    // Codes of letters and digits stay as printed.
    assertThat(
            AddressLines.join(
                List.of("NO 2, JALAN BULAN BM U5/BM,", "153 Victoria Street SW1B 3BN"), false))
        .isEqualTo("NO 2, JALAN BULAN BM U5/BM, 153 Victoria Street SW1B 3BN");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3768 Mission Blvd",
        "12, Jalan Tampoi 7/4",
        "No.18 & 19,Taman City",
        "L0T 1851-A",
        "Level 6, Bangunan TH"
      })
  void aStreetsFirstLineOpensAnAddress(String line) {
    assertThat(AddressLines.opensAddress(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TAX INVOICE", "Smoke City Market", "EXCELLENCE SERVED DAILY"})
  void namesAndTitlesOpenNoAddress(String line) {
    assertThat(AddressLines.opensAddress(line)).isFalse();
  }

  @Test
  void contactDetailsAfterAnAddressOnItsLineAreCutOff() {
    assertThat(
            AddressLines.contactStart(
                List.of("81750", "Johor", "Bahru,", "Johor.", "Tel", "No.:", "07-387", "3322")))
        .isEqualTo(4);
    assertThat(AddressLines.contactStart(List.of("Tel:", "03-62", "73", "21", "63"))).isEqualTo(-1);
    assertThat(AddressLines.contactStart(List.of("12", "Jalan", "Permas"))).isEqualTo(-1);
  }

  @Test
  void aColonInsideANumberIsNoLabel() {
    assertThat(AddressLines.notAddress("5:3000 KUALA LUMPUR")).isFalse();
    assertThat(AddressLines.notAddress("Lief-Nr: 549910")).isTrue();
    assertThat(AddressLines.notAddress("Store#: 1661")).isTrue();
  }
}
