package dev.docsift.slm.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedJsonTest {
  /** A vocabulary whose tokens are the given strings. */
  private record Pieces(List<String> pieces) implements Vocabulary {
    @Override
    public int size() {
      return pieces.size();
    }

    @Override
    public byte[] bytes(int id) {
      return pieces.get(id).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isSpecial(int id) {
      return false;
    }
  }

  @Test
  void eachLeafGetsItsPointerTokensAndTheProbabilityOfItsLeastLikelyToken() throws Exception {
    // {"total":"9.00","items":[{"qty":2}],"paid":true,"tip":null}
    Pieces vocab =
        new Pieces(
            List.of(
                "{\"", "total", "\":\"", "9", ".", "00", "\",\"", "items", "\":[{\"", "qty", "\":",
                "2", "}],\"", "paid", "\":", "true", ",\"", "tip", "\":", "null", "}"));
    int[] tokens = new int[vocab.size()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = i;
    }
    float[] logprobs = new float[tokens.length];
    logprobs[4] = (float) Math.log(0.5); // the '.' of 9.00
    logprobs[11] = (float) Math.log(0.8); // the 2
    GeneratedJson json = GeneratedJson.parse(tokens, logprobs, vocab);

    assertThat(json.text())
        .isEqualTo("{\"total\":\"9.00\",\"items\":[{\"qty\":2}],\"paid\":true,\"tip\":null}");
    assertThat(json.leaves())
        .extracting(GeneratedValue::pointer)
        .containsExactly("/total", "/items/0/qty", "/paid");
    GeneratedValue total = json.leaves().get(0);
    assertThat(total.value().asText()).isEqualTo("9.00");
    assertThat(total.firstToken()).isEqualTo(2); // '":"' holds the opening quote
    assertThat(total.lastToken()).isEqualTo(6);
    assertThat(total.confidence()).isCloseTo(0.5, within(1e-6));
    assertThat(json.leaves().get(1).confidence()).isCloseTo(0.8, within(1e-6));
    assertThat(json.leaves().get(2).confidence()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void textThatIsNotJsonIsAnError() {
    Pieces vocab = new Pieces(List.of("{\"a\":", "1"));
    assertThatThrownBy(() -> GeneratedJson.parse(new int[] {0, 1}, new float[2], vocab))
        .isInstanceOf(IOException.class);
  }
}
