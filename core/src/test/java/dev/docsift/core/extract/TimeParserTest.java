package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "14:32 | 14:32",
        "14:32:05 | 14:32:05",
        "2:32 PM | 14:32",
        "2:32pm | 14:32",
        "12:05 AM | 00:05",
        "12:05 PM | 12:05",
        "9:07 a.m. | 09:07",
        "2.32 pm | 14:32",
        "09:00 | 09:00",
        "l4:3O | 14:30",
        "8:53:47P | 20:53:47",
        "09:22a | 09:22",
        "11: 19 AM | 11:19",
        "3:41 :24 PM | 15:41:24",
        "2:25:37 p | 14:25:37",
      })
  void parses(String in, String out) {
    assertThat(TimeParser.parse(in)).contains(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "12.50",
        "25:00",
        "14:60",
        "13:00 PM",
        "abc",
        "1432",
        "25/12/2018",
        "12.50p",
        "21:00%",
        "Tb1:40"
      })
  void rejects(String in) {
    assertThat(TimeParser.parse(in)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {"21.57 | 21:57", "9.05 | 09:05", "14:32 | 14:32", "2.32 pm | 14:32"})
  void parsesDottedTimesWhereATimeIsExpected(String in, String out) {
    assertThat(TimeParser.parseDotted(in)).contains(out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"25.00", "14.60", "123.45", "1.5", "21.57.3", "21,57", "€21.57"})
  void dottedTimesAreStillClockTimes(String in) {
    assertThat(TimeParser.parseDotted(in)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "19-Apr-20192:02:26P | 14:02:26",
        "Date: 7/18/19,5:47 PM | 17:47",
        "Date:07/09/19 T1ne:09:22a | 09:22",
        "12:34:56 | 12:34:56",
      })
  void findsTimesRunIntoTheirDates(String in, String out) {
    assertThat(TimeParser.find(in)).map(TimeParser.Found::value).contains(out);
  }
}
