package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

/**
 * Lorem answers are tokenized piece by piece from a lookup, not by running BPE on each answer: that must give exactly
 * the chunks and count that tokenizing the whole text gives, for every seed and length, in both encodings.
 */
class LoremTokensTest {

    @Test
    void piecesJoinToTheTextAndTokenizeExactlyAsTheWholeText() {
        for (EncodingType type : new EncodingType[] {EncodingType.O200K_BASE, EncodingType.CL100K_BASE}) {
            Tokenizer tokenizer = new Tokenizer(type);
            for (long seed = 0; seed < 300; seed++) {
                int words = 1 + (int) (seed * 7 % 250);
                var pieces = Lorem.pieces(words, seed);
                String text = Lorem.text(words, seed);
                assertThat(String.join("", pieces)).isEqualTo(text);
                for (int limit : new int[] {words, words / 2 + 1, Integer.MAX_VALUE}) {
                    Tokenizer.Tokens whole = tokenizer.split(text, limit);
                    Tokenizer.Tokens looked = tokenizer.splitPieces(pieces, limit);
                    assertThat(looked.chunks()).as("%s seed %d limit %d", type, seed, limit)
                            .isEqualTo(whole.chunks());
                    assertThat(looked.count()).isEqualTo(whole.count());
                    assertThat(looked.truncated()).isEqualTo(whole.truncated());
                }
            }
        }
    }
}
