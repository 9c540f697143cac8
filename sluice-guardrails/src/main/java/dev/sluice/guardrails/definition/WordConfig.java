package dev.sluice.guardrails.definition;


/** One entry of {@code wordsConfig}: a word or phrase (1 to 100 characters) and what to do with it (BLOCK or NONE). */
public record WordConfig(String text, String inputAction, String outputAction, Boolean inputEnabled,
                         Boolean outputEnabled) {

    public WordConfig {
        Fields.required(text, 100, "text");
        if (text.isBlank() || text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new dev.sluice.spi.ConfigBinder.Invalid("text", "must hold at least one letter or digit");
        }
        Fields.wordAction(inputAction, "input_action");
        Fields.wordAction(outputAction, "output_action");
    }

    public Sides sides() {
        return new Sides(Fields.wordAction(inputAction, "input_action"), Fields.wordAction(outputAction,
                "output_action"), !Boolean.FALSE.equals(inputEnabled), !Boolean.FALSE.equals(outputEnabled));
    }

}
