package io.switchboard.adapters.twilio.handlers;

import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of an account's numbers the trial fallback treats as the trial account's own. */
class TrialAccountNumberTest {
    private static final String PREFIX = "sb:";

    private static OwnedNumber number(int i, String friendlyName) {
        return new OwnedNumber("PN" + String.format("%032d", i), "+1415555" + String.format("%04d", i), friendlyName);
    }

    /** Many numbers other organizations bought, with {@code extra} somewhere far down the list. */
    private static List<OwnedNumber> largeAccountWith(OwnedNumber... extra) {
        List<OwnedNumber> owned = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            owned.add(number(i, "sb/org/other-" + i + "/saga-" + i + ":acquire-number"));
        }
        owned.addAll(List.of(extra));
        return owned;
    }

    @Test
    void theOnlyNumberIsTheTrialNumberWhateverItsTag() {
        OwnedNumber bought = number(1, "sb/org/org-a/saga-a:acquire-number");

        assertThat(TrialAccountNumber.among(List.of(bought), "org-b", PREFIX)).contains(bought);
        assertThat(TrialAccountNumber.among(List.of(), "org-b", PREFIX)).isEmpty();
    }

    @Test
    void inALargeAccountTheOneUntaggedNumberIsTheTrialsOwnNotTheFirstListed() {
        OwnedNumber console = number(9001, "(415) 555-9001");

        assertThat(TrialAccountNumber.among(largeAccountWith(console), "org-a", PREFIX)).contains(console);
    }

    @Test
    void aNumberAlreadyLentIsPreferredServingThisOrganizationThenHandedBackThenServingAnother() {
        OwnedNumber servesB = number(9001, "sb/trial/org-b/saga-b:acquire-number");
        OwnedNumber handedBack = number(9002, "sb/unassigned/saga-c:hand-back-trial-number");
        OwnedNumber servesA = number(9003, "sb/trial/org-a/saga-a:acquire-number");
        OwnedNumber console = number(9004, "(415) 555-9004");

        assertThat(TrialAccountNumber.among(largeAccountWith(servesB, handedBack, servesA, console), "org-a", PREFIX))
                .contains(servesA);
        assertThat(TrialAccountNumber.among(largeAccountWith(servesB, handedBack, console), "org-a", PREFIX))
                .contains(handedBack);
        assertThat(TrialAccountNumber.among(largeAccountWith(servesB, console), "org-a", PREFIX))
                .as("in use by another organization: the caller refuses it").contains(servesB);
    }

    @Test
    void ofSeveralUntaggedNumbersNoneIsGuessed() {
        assertThat(TrialAccountNumber.among(largeAccountWith(number(9001, "(415) 555-9001"),
                number(9002, "my other line")), "org-a", PREFIX)).isEmpty();
        assertThat(TrialAccountNumber.among(largeAccountWith(), "org-a", PREFIX))
                .as("only other organizations' purchases").isEmpty();
    }
}
