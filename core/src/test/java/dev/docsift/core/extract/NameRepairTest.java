package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRepairTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "99 5PEED MART S/B | 99 SPEED MART S/B",
        "AEON C0. (M) BHD | AEON CO. (M) BHD",
        "ALI BABA INTERNATI0NAL SDN BHD | ALI BABA INTERNATIONAL SDN BHD",
        "0ld Town Kopitiam Sdn Bhd | Old Town Kopitiam Sdn Bhd",
        "SIN LIANHAP SON BHD | SIN LIANHAP SDN BHD",
        "MODERN DEPOT SN 8HD | MODERN DEPOT SDN BHD",
        "BEMED (SP) SON. BHD. | BEMED (SP) SDN. BHD.",
        "MOONLIGHT CAKE HOUSE SDN BHD 862725-U | MOONLIGHT CAKE HOUSE SDN BHD",
        "SYARIKAT KAM LAI SEONG SDN BHD (CO | SYARIKAT KAM LAI SEONG SDN BHD",
        "ArgonautDiner2000 | ArgonautDiner2000",
        "L1T2 | L1T2",
        "730 Tavern Kitchen | 730 Tavern Kitchen",
        "ACME Ltd Services | ACME Ltd Services",
      })
  void mendsWhatOcrDidToAName(String read, String mended) {
    assertThat(NameRepair.mend(read)).isEqualTo(mended);
  }

  @Test
  void aLegalFormWithAWordBeforeItAtMostEndsANameBegunAbove() {
    assertThat(NameRepair.endsInFragment("CO. (M) SDN BHD")).isTrue();
    assertThat(NameRepair.endsInFragment("-STATIONERY SDN.BHD")).isTrue();
    assertThat(NameRepair.endsInFragment("KOREAN DINE SDN BHD")).isFalse();
    assertThat(NameRepair.endsInFragment("SIA \"KONGS\"")).isFalse();
  }
}
