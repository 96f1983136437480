package io.switchboard.adapters.twilio.handlers;

import io.switchboard.adapters.twilio.numbers.OwnedNumber;
import io.switchboard.adapters.twilio.numbers.OwnerTag;
import io.switchboard.contracts.commands.NumberOwner;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of the account's numbers is the trial account's own one, the number the trial fallback may lend. A trial
 * account holds one number, and then it is that one. An account holding more (numbers moved in, an account
 * downgraded) is judged on all its numbers, never on whatever came first in a list:
 * <ol>
 *   <li>a number Switchboard already uses as the trial number (tagged {@code sb/trial/…} or {@code sb/unassigned/…}):
 *       the one serving this organization first, then one handed back, then one serving another organization
 *       (which the caller then refuses to take);</li>
 *   <li>else the account's only number, whatever its tag (the caller decides whether it may be claimed);</li>
 *   <li>else the account's only number Switchboard did not tag (bought in the console: the trial's own).</li>
 * </ol>
 * Nothing else is a trial number: of several untagged numbers none is picked, since taking the wrong one would
 * re-tag a number Switchboard does not own.
 */
final class TrialAccountNumber {
    private TrialAccountNumber() {
    }

    static Optional<OwnedNumber> among(List<OwnedNumber> owned, String orgId, String legacyTagPrefix) {
        NumberOwner organization = NumberOwner.organization(orgId);
        Optional<OwnedNumber> lent = owned.stream()
                .filter(n -> isLent(tag(n, legacyTagPrefix)))
                .min(Comparator.comparingInt(n -> preference(tag(n, legacyTagPrefix), organization)));
        if (lent.isPresent()) {
            return lent;
        }
        if (owned.size() == 1) {
            return Optional.of(owned.get(0));
        }
        List<OwnedNumber> untagged = owned.stream()
                .filter(n -> tag(n, legacyTagPrefix).kind() == OwnerTag.Kind.FOREIGN).toList();
        return untagged.size() == 1 ? Optional.of(untagged.get(0)) : Optional.empty();
    }

    private static boolean isLent(OwnerTag tag) {
        return tag.kind() == OwnerTag.Kind.TRIAL || tag.kind() == OwnerTag.Kind.UNASSIGNED;
    }

    private static int preference(OwnerTag tag, NumberOwner organization) {
        if (tag.names(organization)) {
            return 0;
        }
        return tag.kind() == OwnerTag.Kind.UNASSIGNED ? 1 : 2;
    }

    private static OwnerTag tag(OwnedNumber number, String legacyTagPrefix) {
        return OwnerTag.parse(number.friendlyName(), legacyTagPrefix);
    }
}
