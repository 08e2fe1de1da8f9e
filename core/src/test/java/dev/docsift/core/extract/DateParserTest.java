package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.extract.DateParser.DayOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "25/12/2018 | 2018-12-25",
        "12/25/2018 | 2018-12-25",
        "25.12.2018 | 2018-12-25",
        "25-12-2018 | 2018-12-25",
        "2018-12-25 | 2018-12-25",
        "2018/12/25 | 2018-12-25",
        "25 Dec 2018 | 2018-12-25",
        "25 December 2018 | 2018-12-25",
        "December 25, 2018 | 2018-12-25",
        "Dec 25, 2018 | 2018-12-25",
        "Dec. 25 2018 | 2018-12-25",
        "25-Dec-18 | 2018-12-25",
        "25th December 2018 | 2018-12-25",
        "25/12/18 | 2018-12-25",
        "5/1/2019 | 2019-01-05",
        "1 Mar 2020 | 2020-03-01",
        "SEP 3, 2021 | 2021-09-03",
        "3. Dez 2019 | 2019-12-03",
        "2O18-12-25 | 2018-12-25",
        "29/02/2020 | 2020-02-29",
      })
  void parses(String in, String iso) {
    assertThat(DateParser.parse(in, DayOrder.DMY)).map(DateParser.Found::iso).contains(iso);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hello",
        "32/01/2018",
        "13/13/2018",
        "29/02/2019",
        "2018-13-01",
        "12.50",
        "14:32",
        "1234567",
        "Dec 2018",
        "Novel 9.99",
        "Decaf 12 18"
      })
  void rejects(String in) {
    assertThat(DateParser.parse(in, DayOrder.DMY)).isEmpty();
  }

  @Test
  void flagsAmbiguousDatesAndFollowsTheOrder() {
    var dmy = DateParser.parse("03/04/2018", DayOrder.DMY).orElseThrow();
    var mdy = DateParser.parse("03/04/2018", DayOrder.MDY).orElseThrow();
    assertThat(dmy.iso()).isEqualTo("2018-04-03");
    assertThat(mdy.iso()).isEqualTo("2018-03-04");
    assertThat(dmy.ambiguous()).isTrue();
    assertThat(DateParser.parse("25/12/2018", DayOrder.MDY).orElseThrow().ambiguous()).isFalse();
    assertThat(DateParser.parse("04/04/2018", DayOrder.DMY).orElseThrow().ambiguous()).isFalse();
  }

  @Test
  void infersTheOrderFromOtherDates() {
    assertThat(DateParser.inferOrder(List.of("Date 03/04/2018", "Due 12/25/2018")))
        .contains(DayOrder.MDY);
    assertThat(DateParser.inferOrder(List.of("Date 03/04/2018", "Due 25/12/2018")))
        .contains(DayOrder.DMY);
    assertThat(DateParser.inferOrder(List.of("Date 03/04/2018"))).isEmpty();
  }

  @Test
  void findsADateInsideALine() {
    String line = "Date: 25/12/2018   Time: 14:32";
    var f = DateParser.find(line, DayOrder.DMY).orElseThrow();
    assertThat(line.substring(f.start(), f.end())).isEqualTo("25/12/2018");
  }

  @Test
  void readsADateThatRunsIntoTheTime() {
    // OCR dropped the space between the year and the time.
    var f = DateParser.find("29/01/20184:40:40 PM", DayOrder.DMY).orElseThrow();
    assertThat(f.iso()).isEqualTo("2018-01-29");
    assertThat(DateParser.find("29/01/201845", DayOrder.DMY)).isEmpty();
  }

  @Test
  void readsDatesJoinedToTheirTimes() {
    assertThat(DateParser.find("Date: 7/18/19,5:47 PM", DayOrder.MDY).orElseThrow().iso())
        .isEqualTo("2019-07-18");
    assertThat(DateParser.find("19-Apr-20192:02:26P", DayOrder.MDY).orElseThrow().iso())
        .isEqualTo("2019-04-19");
    // The time between day and year, as ctime prints it; the hour is no year.
    assertThat(DateParser.find("SUN JUN 24 20:49:53 2018", DayOrder.MDY).orElseThrow().iso())
        .isEqualTo("2018-06-24");
    assertThat(DateParser.find("1/2/19,50", DayOrder.MDY)).isEmpty();
  }

  @Test
  void monthFirstDocumentsReadAMonthBeforeItsDay() {
    assertThat(DateParser.find("ID: 234673#1 Jun 26.15 04:55 PM", DayOrder.MDY).orElseThrow().iso())
        .isEqualTo("2015-06-26");
    assertThat(DateParser.find("#1 Jun 26", DayOrder.DMY).orElseThrow().iso())
        .isEqualTo("2026-06-01");
  }

  @Test
  void readsAYearOcrSplitWithASpace() {
    assertThat(DateParser.find("Date: 08-03-20 18 05:01.12 PM", DayOrder.DMY).orElseThrow().iso())
        .isEqualTo("2018-03-08");
    assertThat(DateParser.find("CB# : 67978725142 01/Apr/20 17 01:25:02", DayOrder.DMY))
        .map(DateParser.Found::iso)
        .contains("2017-04-01");
    // A two-digit year before the time stays two digits.
    assertThat(DateParser.find("08-03-20 18:05", DayOrder.DMY).orElseThrow().iso())
        .isEqualTo("2020-03-08");
  }

  @Test
  void numbersNoDateCanHoldTellNothingOfTheOrder() {
    assertThat(DateParser.inferOrder(List.of("TAKSTAPPALAM 3KG 0.45.00", "05/01/17 10:55")))
        .isEmpty();
    assertThat(DateParser.inferOrder(List.of("SEPA Wire transfer 11/17/2017")))
        .contains(DayOrder.MDY);
  }

  @Test
  void mendsADateOcrSpacedOutOrThatLostASeparatorAndKeepsItsPlaceInTheText() {
    String spaced = "Date: 15/0 1/20 18 x";
    var f = DateParser.findMended(spaced, DayOrder.DMY).orElseThrow();
    assertThat(f.iso()).isEqualTo("2018-01-15");
    assertThat(spaced.substring(f.start(), f.end())).isEqualTo("15/0 1/20 18");
    String lost = "DATE: 11/022017";
    var g = DateParser.findMended(lost, DayOrder.DMY).orElseThrow();
    assertThat(g.iso()).isEqualTo("2017-02-11");
    assertThat(lost.substring(g.start(), g.end())).isEqualTo("11/022017");
  }
}
